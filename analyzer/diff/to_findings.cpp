#include "analyzer/diff/compare.hpp"

namespace migsafe::analyzer::diff {
namespace {

std::string subject(const Difference& d) {
  const std::string kind = object_kind_name(d.kind);
  if (d.kind == ObjectKind::table || d.table.empty()) return kind + " " + d.name;
  if (d.kind == ObjectKind::column) return kind + " " + d.table + "." + d.name;
  return kind + " " + d.name + " on " + d.table;
}

std::string headline(const Difference& d, const DiffOptions& options) {
  switch (d.change) {
    case Change::missing:
      return subject(d) + " is in the " + options.expected_label + " but not in the " + options.actual_label;
    case Change::unexpected:
      return subject(d) + " is in the " + options.actual_label + " but not in the " + options.expected_label;
    case Change::changed:
      break;
  }
  return subject(d) + ": " + d.attribute + " differs between the " + options.expected_label + " and the " +
         options.actual_label;
}

}  // namespace

std::vector<model::Finding> to_findings(const std::vector<Difference>& differences,
                                        const std::string& check_name, const DiffOptions& options,
                                        model::Severity severity) {
  std::vector<model::Finding> findings;
  for (const auto& d : differences) {
    model::Finding f;
    f.check = check_name;
    f.rule = check_name;
    f.severity = severity;
    f.message = headline(d, options) + "\nExpected (" + options.expected_label + "): " + d.expected +
                "\nActual (" + options.actual_label + "): " + d.actual;
    f.help = d.fix;
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<model::Finding> compare_database_schemas(const model::Schema& expected, const model::Schema& actual,
                                                     dbdrivers::Dialect dialect, const std::string& check_name,
                                                     const std::string& expected_label,
                                                     const std::string& actual_label) {
  DiffOptions options;
  options.dialect = dialect;
  options.expected_label = expected_label;
  options.actual_label = actual_label;
  return to_findings(compare_schemas(expected, actual, options), check_name, options);
}

}  // namespace migsafe::analyzer::diff
