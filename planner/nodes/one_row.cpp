#include "planner/nodes/one_row.h"

#include "operators/watermark_assigner.h"
#include "planner/physical_builder.h"
#include "runtime/source.h"

namespace eddy {

namespace {

// One row with no columns, then the end.
class OneRowSource final : public Source {
 public:
  SourceStatus next(Batch& out, size_t) override {
    if (done_) return SourceStatus::End;
    done_ = true;
    out.rows = 1;
    return SourceStatus::Data;
  }
  std::string describe() const override { return "one row"; }
  // Replayable: a resumed query must not produce its row again once it was read.
  std::optional<SourcePosition> position() const override {
    return SourcePosition{done_ ? 1u : 0u, 0, {}};
  }
  Status seek(const SourcePosition& position) override {
    done_ = position.offset > 0;
    return {};
  }

 private:
  bool done_ = false;
};

}  // namespace

Result<int> OneRowNode::build(PhysicalBuilder& builder) {
  QueryRuntime& runtime = builder.runtime();
  int id = runtime.add_operator(
      std::make_unique<WatermarkAssigner>("(none)", -1, "", nullptr, "one row"), 1);
  runtime.add_source(std::make_unique<OneRowSource>(), Schema{}, id, 0);
  return id;
}

}  // namespace eddy
