// The seed's low-level join: customers joined with their transactions by a
// KeyedCoProcessFunction, called from SQL with both inputs partitioned by the customer id.
//
// A customer's name is kept in state; a transaction of a known customer is joined at once, one of
// a customer not seen yet waits in a list until the customer arrives — or, after an hour of
// event time, comes out with a NULL name (as a LEFT JOIN with a one-hour bound would).
//
// Usage: customer_transactions [customers.csv transactions.csv]
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "eddy/engine.h"

class CustomerTransactions : public eddy::KeyedCoProcessFunction {
 public:
  void open(eddy::OpenContext& ctx) override {
    name_ = ctx.value_state<std::string>("name");
    waiting_ = ctx.list_state<std::pair<int64_t, double>>("waiting");  // (id, amount)
  }

  // A customer: id, name, ts.
  void process_element1(const eddy::Row& customer, eddy::Context&, eddy::Collector& out) override {
    name_.update(std::string(customer.string_value(1)));
    for (const auto& [id, amount] : waiting_.get()) emit(*name_.value(), id, amount, out);
    waiting_.clear();
  }

  // A transaction: id, customer_id, amount, ts.
  void process_element2(const eddy::Row& txn, eddy::Context& ctx, eddy::Collector& out) override {
    if (name_.has_value()) return emit(*name_.value(), txn.int_value(0), txn.double_value(2), out);
    waiting_.add({txn.int_value(0), txn.double_value(2)});
    ctx.timers().register_event_time_timer(ctx.timestamp() + kWait);
  }

  void on_timer(eddy::Timestamp, eddy::Context&, eddy::Collector& out) override {
    if (name_.has_value()) return;  // the customer came in time
    for (const auto& [id, amount] : waiting_.get())
      out.collect({eddy::Value::null(eddy::Type::string()), eddy::Value::integer(id),
                   eddy::Value::float64(amount)});
    waiting_.clear();
  }

 private:
  static constexpr int64_t kWait = 60 * 60 * 1000;  // one hour
  static void emit(const std::string& name, int64_t id, double amount, eddy::Collector& out) {
    out.collect(
        {eddy::Value::string(name), eddy::Value::integer(id), eddy::Value::float64(amount)});
  }
  eddy::ValueState<std::string> name_;
  eddy::ListState<std::pair<int64_t, double>> waiting_;
};

static int fail(const eddy::Error& error) {
  std::fprintf(stderr, "error: %s\n", error.to_string().c_str());
  return 1;
}

int main(int argc, char** argv) {
  std::string customers = argc > 2 ? argv[1] : "examples/data/customers.csv";
  std::string transactions = argc > 2 ? argv[2] : "examples/data/transactions.csv";
  eddy::Engine engine;
  auto registered = engine.register_function(
      "customer_transactions",
      eddy::CoProcessFunctionSpec{{{"name", eddy::Type::string(), true},
                                   {"txn", eddy::Type::int64(), false},
                                   {"amount", eddy::Type::float64(), false}},
                                  {},
                                  [] { return std::make_unique<CustomerTransactions>(); }});
  if (!registered) return fail(registered.error());
  auto created = engine.execute(
      "CREATE STREAM customers (id BIGINT, name STRING, ts TIMESTAMP(3),"
      "  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)"
      " WITH ('connector' = 'file', 'path' = '" +
      customers +
      "', 'format' = 'csv', 'csv.header' = 'true');"
      "CREATE STREAM transactions (id BIGINT, customer_id BIGINT, amount DOUBLE, ts TIMESTAMP(3),"
      "  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)"
      " WITH ('connector' = 'file', 'path' = '" +
      transactions + "', 'format' = 'csv', 'csv.header' = 'true')");
  if (!created) return fail(created.error());

  auto outcome = engine.execute(
      "SELECT id AS customer, name, txn, amount, rowtime FROM customer_transactions("
      "TABLE customers PARTITION BY id, TABLE transactions PARTITION BY customer_id)");
  if (!outcome) return fail(outcome.error());
  auto status = outcome.value().query->run([](const eddy::Chunk& chunk) {
    for (size_t row = 0; row < chunk.size(); ++row)
      std::printf("customer %s %s: transaction %s of %s at %s\n",
                  chunk.value(row, 0).to_string().c_str(), chunk.value(row, 1).to_string().c_str(),
                  chunk.value(row, 2).to_string().c_str(), chunk.value(row, 3).to_string().c_str(),
                  chunk.value(row, 4).to_string().c_str());
  });
  if (!status) return fail(status.error());
  return 0;
}
