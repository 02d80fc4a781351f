// Smoke steps against real local servers: plain HTTP, and HTTPS with a self-signed
// certificate made by openssl for the test.
#include "runner/smoke_step.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <chrono>
#include <memory>
#include <sstream>
#include <thread>

#include "tests/analyzer/lint/temp_dir.hpp"

namespace migsafe::runner {
namespace {

// A server on a free loopback port, its routes set before it listens, listening on a
// thread until the test ends.
class LocalServer {
 public:
  LocalServer(std::unique_ptr<httplib::Server> server,
              const std::function<void(httplib::Server&)>& routes)
      : server_(std::move(server)) {
    routes(*server_);
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~LocalServer() {
    server_->stop();
    thread_.join();
  }
  std::string url(const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_);
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

void health_routes(httplib::Server& server, std::atomic<int>& calls, int failures_first) {
  server.Get("/api/health", [&calls, failures_first](const httplib::Request& request,
                                                      httplib::Response& response) {
    if (calls++ < failures_first) {
      response.status = 503;
      response.set_content(R"({"detail":"DB not connected"})", "application/json");
      return;
    }
    if (request.get_header_value("X-Stage") != "staging") {
      response.status = 400;
      return;
    }
    response.set_content(R"({"status":"ok","items":[{"id":7}],"ready":true})", "application/json");
  });
}

Step smoke_step(const std::string& base_url) {
  Step step;
  step.name = "smoke";
  step.kind = StepKind::smoke;
  step.smoke.base_url = base_url;
  step.smoke.headers = {{"X-Stage", "staging"}};
  step.smoke.deadline_seconds = 10;
  step.smoke.interval_seconds = 0.1;
  step.smoke.request_timeout_seconds = 5;
  HttpCheck check;
  check.name = "health";
  check.path = "/health";
  check.json_fields = {{"status", "ok"}, {"items.0.id", 7}, {"ready", true}};
  step.smoke.checks.push_back(check);
  return step;
}

TEST(SmokeStep, PassesWhenTheAnswersAreWhatTheChecksExpect) {
  std::atomic<int> calls{0};
  LocalServer server(std::make_unique<httplib::Server>(),
                     [&calls](httplib::Server& routes) { health_routes(routes, calls, 0); });
  std::ostringstream out;
  StepLog log(out, "smoke");
  EXPECT_FALSE(run_smoke_step(smoke_step(server.url() + "/api/"), log)) << out.str();
  EXPECT_NE(out.str().find("ok   health: GET /api/health -> 200"), std::string::npos) << out.str();
}

TEST(SmokeStep, RetriesAServiceStillBootingUntilItIsHealthy) {
  std::atomic<int> calls{0};
  LocalServer server(std::make_unique<httplib::Server>(),
                     [&calls](httplib::Server& routes) { health_routes(routes, calls, 2); });
  std::ostringstream out;
  StepLog log(out, "smoke");
  EXPECT_FALSE(run_smoke_step(smoke_step(server.url() + "/api"), log)) << out.str();
  EXPECT_EQ(calls.load(), 3);
  EXPECT_NE(out.str().find("(attempt 3)"), std::string::npos) << out.str();
}

TEST(SmokeStep, FailsWithTheLastAnswerAtItsDeadline) {
  std::atomic<int> calls{0};
  LocalServer server(std::make_unique<httplib::Server>(),
                     [&calls](httplib::Server& routes) { health_routes(routes, calls, 1000); });
  Step step = smoke_step(server.url() + "/api");
  step.smoke.deadline_seconds = 0.5;
  std::ostringstream out;
  StepLog log(out, "smoke");
  const auto failure = run_smoke_step(step, log);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->reason, "status");
  EXPECT_EQ(failure->status, 503);
  EXPECT_EQ(failure->path, "/api/health");
  EXPECT_NE(failure->detail.find("DB not connected"), std::string::npos);
  EXPECT_GT(calls.load(), 1);
}

TEST(SmokeStep, AJsonFieldThatDiffersFailsTheCheck) {
  std::atomic<int> calls{0};
  LocalServer server(std::make_unique<httplib::Server>(),
                     [&calls](httplib::Server& routes) { health_routes(routes, calls, 0); });
  Step step = smoke_step(server.url() + "/api");
  step.smoke.deadline_seconds = 0;
  step.smoke.checks[0].json_fields = {{"items.0.id", 8}};
  std::ostringstream out;
  StepLog log(out, "smoke");
  const auto failure = run_smoke_step(step, log);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->reason, "body");
  EXPECT_NE(failure->summary.find("JSON field items.0.id is 7 (expected 8)"), std::string::npos)
      << failure->summary;
}

TEST(SmokeStep, NothingListeningIsUnreachable) {
  std::string closed;
  {
    LocalServer server(std::make_unique<httplib::Server>(), [](httplib::Server&) {});
    closed = server.url();
  }
  Step step = smoke_step(closed);
  step.smoke.deadline_seconds = 0;
  std::ostringstream out;
  StepLog log(out, "smoke");
  const auto failure = run_smoke_step(step, log);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->reason, "unreachable");
  EXPECT_EQ(failure->status, 0);
}

// HTTPS with a certificate no public CA signed: trusted through ca_file, refused by
// default, accepted with verify_tls = false.
TEST(SmokeStep, HttpsWithASelfSignedCertificate) {
  tests::TempDir dir;
  const std::string key = (dir.path() / "key.pem").string();
  const std::string cert = (dir.path() / "cert.pem").string();
  const std::string make_cert =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
      "subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
      key + " -out " + cert + " 2>/dev/null";
  ASSERT_EQ(std::system(make_cert.c_str()), 0);
  auto tls = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
  ASSERT_TRUE(tls->is_valid());
  std::atomic<int> calls{0};
  LocalServer server(std::move(tls),
                     [&calls](httplib::Server& routes) { health_routes(routes, calls, 0); });

  Step step = smoke_step(server.url("https") + "/api");
  step.smoke.deadline_seconds = 0;
  std::ostringstream out;
  StepLog log(out, "smoke");

  const auto untrusted = run_smoke_step(step, log);
  ASSERT_TRUE(untrusted);
  EXPECT_EQ(untrusted->reason, "unreachable");

  step.smoke.ca_file = cert;
  EXPECT_FALSE(run_smoke_step(step, log)) << out.str();

  step.smoke.ca_file.clear();
  step.smoke.verify_tls = false;
  EXPECT_FALSE(run_smoke_step(step, log)) << out.str();
  EXPECT_GE(calls.load(), 2);
}

}  // namespace
}  // namespace migsafe::runner
