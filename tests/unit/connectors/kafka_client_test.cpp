// What the Kafka connectors conclude from librdkafka without a broker: whether its statistics
// show a broker connection (the source gives up after 'properties.socket.timeout.ms' without
// one), and which errors are transient (passed over while librdkafka retries). tests/kafka/
// (outage_test.py) kills a real broker under a running query.
#include <gtest/gtest.h>

#include "connectors/kafka_client.h"

namespace eddy {
namespace {

// The parts of librdkafka's statistics that matter here (abridged from a real consumer's).
std::string stats(const std::string& bootstrap_state, const std::string& broker_state) {
  return R"({"name":"eddy#consumer-1","type":"consumer","ts":1,"brokers":{)"
         R"("127.0.0.1:9092/bootstrap":{"name":"127.0.0.1:9092/bootstrap","nodeid":-1,)"
         R"("source":"configured","state":")" +
         bootstrap_state +
         R"(","stateage":100,"toppars":{}},)"
         R"("127.0.0.1:9092/1":{"name":"127.0.0.1:9092/1","nodeid":1,"source":"learned",)"
         R"("state":")" +
         broker_state +
         R"(","toppars":{"t-0":{"topic":"t","partition":0}}}},)"
         R"("topics":{"t":{"partitions":{"0":{"fetch_state":"active"}}}},)"
         R"("cgrp":{"state":"up","join_state":"init"}})";
}

TEST(KafkaClient, StatisticsTellWhetherABrokerIsConnected) {
  EXPECT_TRUE(kafka_stats_broker_up(stats("INIT", "UP")));
  EXPECT_TRUE(kafka_stats_broker_up(stats("UP", "DOWN")));
  EXPECT_FALSE(kafka_stats_broker_up(stats("DOWN", "DOWN")));
  EXPECT_FALSE(kafka_stats_broker_up(stats("INIT", "CONNECT")));
  EXPECT_FALSE(kafka_stats_broker_up(stats("TRY_CONNECT", "APIVERSION_QUERY")));
  EXPECT_FALSE(kafka_stats_broker_up(R"({"brokers":{}})"));  // none known: none connected
  // What cannot be read says nothing: no query fails on it.
  EXPECT_TRUE(kafka_stats_broker_up("{not json"));
  EXPECT_TRUE(kafka_stats_broker_up(R"({"type":"consumer"})"));
}

TEST(KafkaClient, TransientErrors) {
  for (auto err : {RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
                   RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
                   RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT})
    EXPECT_TRUE(kafka_error_is_transient(err)) << rd_kafka_err2name(err);
  for (auto err : {RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE,
                   RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
                   RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION})
    EXPECT_FALSE(kafka_error_is_transient(err)) << rd_kafka_err2name(err);
}

}  // namespace
}  // namespace eddy
