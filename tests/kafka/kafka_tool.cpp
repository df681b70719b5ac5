// A small Kafka client for the Kafka tests (librdkafka's C API, as eddy's connectors): creates
// topics, produces given messages to given partitions, and reads a topic back, so the tests do
// not start a JVM per step.
//
//   kafka_tool BOOTSTRAP create TOPIC PARTITIONS
//   kafka_tool BOOTSTRAP produce TOPIC     stdin: one message a line, tab-separated
//                                          PARTITION, KEY, VALUE[, TIMESTAMP_MS]; \N is null
//   kafka_tool BOOTSTRAP consume TOPIC [--keys] [--uncommitted]
//                                          every message up to the topic's end (its last stable
//                                          offset: read_committed unless --uncommitted), by
//                                          partition then offset: VALUE, or PARTITION KEY VALUE
//                                          with --keys (tab-separated, \N for null)
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "kafka_tool: %s\n", message.c_str());
  std::exit(1);
}

rd_kafka_t* client(rd_kafka_type_t type, const std::string& bootstrap,
                   std::vector<std::pair<std::string, std::string>> settings) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  settings.insert(settings.begin(), {"bootstrap.servers", bootstrap});
  settings.emplace_back("log_level", "3");
  for (const auto& [key, value] : settings)
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK)
      die(errstr);
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
  if (!rk) die(errstr);
  return rk;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

int32_t partition_count(rd_kafka_t* rk, const std::string& topic) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    rd_kafka_topic_destroy(rkt);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topic_cnt == 1 &&
        md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topics[0].partition_cnt > 0) {
      const int32_t n = md->topics[0].partition_cnt;
      rd_kafka_metadata_destroy(md);
      return n;
    }
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_poll(rk, 200);
  }
  die("topic " + topic + " has no partitions (does it exist?)");
}

void create(const std::string& bootstrap, const std::string& topic, int partitions) {
  rd_kafka_t* rk = client(RD_KAFKA_PRODUCER, bootstrap, {});
  char errstr[512];
  rd_kafka_NewTopic_t* new_topic =
      rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, errstr, sizeof errstr);
  if (!new_topic) die(errstr);
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, 30000, errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk, &new_topic, 1, options, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 60000);
  if (!event) die("no answer to CreateTopics within 60 s");
  if (rd_kafka_event_error(event)) die(rd_kafka_event_error_string(event));
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event);
  size_t count = 0;
  const rd_kafka_topic_result_t** topics = rd_kafka_CreateTopics_result_topics(result, &count);
  for (size_t i = 0; i < count; ++i)
    if (rd_kafka_topic_result_error(topics[i]) != RD_KAFKA_RESP_ERR_NO_ERROR)
      die(std::string("cannot create ") + topic + ": " +
          rd_kafka_topic_result_error_string(topics[i]));
  rd_kafka_event_destroy(event);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_NewTopic_destroy(new_topic);
  rd_kafka_queue_destroy(queue);
  partition_count(rk, topic);  // wait until its leader is known
  rd_kafka_destroy(rk);
}

int delivery_failures = 0;
void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  if (message->err) {
    std::fprintf(stderr, "kafka_tool: delivery failed: %s\n", rd_kafka_err2str(message->err));
    ++delivery_failures;
  }
}

void produce(const std::string& bootstrap, const std::string& topic) {
  rd_kafka_conf_t* c = rd_kafka_conf_new();
  char errstr[512];
  rd_kafka_conf_set(c, "bootstrap.servers", bootstrap.c_str(), errstr, sizeof errstr);
  rd_kafka_conf_set(c, "linger.ms", "5", errstr, sizeof errstr);
  rd_kafka_conf_set(c, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_conf_set_dr_msg_cb(c, on_delivery);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, c, errstr, sizeof errstr);
  if (!rk) die(errstr);
  const int32_t partitions = partition_count(rk, topic);
  std::string line;
  int line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string> f = split_tabs(line);
    if (f.size() < 3 || f.size() > 4)
      die("line " + std::to_string(line_no) + ": expected PARTITION\\tKEY\\tVALUE[\\tTIMESTAMP]");
    const int32_t partition = std::atoi(f[0].c_str());
    if (partition < 0 || partition >= partitions)
      die("line " + std::to_string(line_no) + ": no partition " + f[0]);
    const bool null_key = f[1] == "\\N", null_value = f[2] == "\\N";
    const int64_t timestamp = f.size() == 4 ? std::atoll(f[3].c_str()) : 0;
    for (;;) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_KEY(null_key ? nullptr : f[1].data(), null_key ? 0 : f[1].size()),
          RD_KAFKA_V_VALUE(null_value ? nullptr : f[2].data(), null_value ? 0 : f[2].size()),
          RD_KAFKA_V_TIMESTAMP(timestamp), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) die(rd_kafka_err2str(err));
      rd_kafka_poll(rk, 100);
    }
    rd_kafka_poll(rk, 0);
  }
  if (rd_kafka_flush(rk, 60000) != RD_KAFKA_RESP_ERR_NO_ERROR) die("flush timed out");
  rd_kafka_destroy(rk);
  if (delivery_failures) die("some messages were not delivered");
}

std::string text(const void* data, size_t size) {
  return data ? std::string(static_cast<const char*>(data), size) : std::string("\\N");
}

void consume(const std::string& bootstrap, const std::string& topic, bool keys, bool committed) {
  rd_kafka_t* rk = client(RD_KAFKA_CONSUMER, bootstrap,
                          {{"enable.partition.eof", "true"},
                           {"group.id", "kafka-tool"},
                           {"enable.auto.commit", "false"},
                           {"isolation.level", committed ? "read_committed" : "read_uncommitted"}});
  const int32_t partitions = partition_count(rk, topic);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
  std::map<int32_t, int64_t> end;
  for (int32_t p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err =
        rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 30000);
    if (err) die(rd_kafka_err2str(err));
    end[p] = high;
    if (high > low) rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = low;
  }
  std::map<int32_t, std::vector<std::string>> lines;
  std::map<int32_t, bool> done;  // nothing (more) to read
  for (int32_t p = 0; p < partitions; ++p) done[p] = true;
  for (int i = 0; i < list->cnt; ++i) done[list->elems[i].partition] = false;
  if (list->cnt > 0) rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  auto all_done = [&] {
    for (const auto& [p, d] : done)
      if (!d) return false;
    return true;
  };
  for (int idle = 0; !all_done();) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 1000);
    if (!m) {
      if (++idle > 60) die("timed out reading " + topic);
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (m->offset >= end[m->partition]) done[m->partition] = true;
    } else if (m->err) {
      die(rd_kafka_message_errstr(m));
    } else {
      std::string line = keys ? std::to_string(m->partition) + "\t" + text(m->key, m->key_len) +
                                    "\t" + text(m->payload, m->len)
                              : text(m->payload, m->len);
      lines[m->partition].push_back(line);
      if (m->offset + 1 >= end[m->partition]) done[m->partition] = true;
    }
    rd_kafka_message_destroy(m);
  }
  for (const auto& [p, l] : lines)
    for (const auto& line : l) std::printf("%s\n", line.c_str());
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) die("usage: kafka_tool BOOTSTRAP create|produce|consume TOPIC ...");
  const std::string bootstrap = argv[1], command = argv[2], topic = argv[3];
  if (command == "create" && argc == 5) {
    create(bootstrap, topic, std::atoi(argv[4]));
  } else if (command == "produce" && argc == 4) {
    produce(bootstrap, topic);
  } else if (command == "consume") {
    bool keys = false, committed = true;
    for (int i = 4; i < argc; ++i) {
      if (std::strcmp(argv[i], "--keys") == 0)
        keys = true;
      else if (std::strcmp(argv[i], "--uncommitted") == 0)
        committed = false;
      else
        die(std::string("unknown option ") + argv[i]);
    }
    consume(bootstrap, topic, keys, committed);
  } else {
    die("usage: kafka_tool BOOTSTRAP create TOPIC N | produce TOPIC | consume TOPIC [--keys]");
  }
  return 0;
}
