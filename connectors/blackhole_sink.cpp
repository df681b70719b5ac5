// The blackhole connector: accepts every row and keeps none (benchmarks, dry runs).
#include "connectors/factories.h"

namespace eddy {

namespace {

class BlackholeSink final : public Sink {
 public:
  void write(const Batch&) override {}
  std::string describe() const override { return "blackhole"; }
  // Nothing is kept, so nothing is ever duplicated.
  bool exactly_once() const override { return true; }
};

}  // namespace

Result<std::unique_ptr<Sink>> open_blackhole_sink(const ConnectorContext&) {
  return std::unique_ptr<Sink>(std::make_unique<BlackholeSink>());
}

}  // namespace eddy
