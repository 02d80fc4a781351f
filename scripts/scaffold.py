#!/usr/bin/python3
"""Writes every file a new lint rule or a new check of `migsafe check` needs.

Run it through scripts/new-rule.sh ID or scripts/new-check.sh NAME. The files it writes
are the ones docs/architecture.md lists under "Add a rule" and "Add a check";
tests/scripts/scaffold_test.py runs both scaffolders in a copy of the tree, builds the
copy and checks the change touches exactly those files.

The new rule or check builds and passes its tests, but does nothing useful yet: every
place to fill in says TODO.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME_PATTERN = re.compile(r"^[a-z]+(-[a-z]+)*$")  # what tests/rules/registry_test.cpp allows


def fail(message):
    sys.exit(f"scaffold: {message}")


def camel(name):
    return "".join(part.capitalize() for part in name.split("-"))


def snake(name):
    return name.replace("-", "_")


def write_new(relative, text):
    path = ROOT / relative
    if path.exists():
        fail(f"{relative} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    # The templates' alignment depends on the names: let the root's .clang-format lay out
    # the new C++ files when it is installed.
    if path.suffix in (".cpp", ".hpp") and shutil.which("clang-format"):
        subprocess.run(["clang-format", "-i", str(path)], cwd=ROOT, check=True)
    print(f"wrote   {relative}")


def edit(relative, change):
    path = ROOT / relative
    old = path.read_text()
    new = change(old)
    if new == old:
        fail(f"{relative}: found nowhere to add the entry")
    path.write_text(new)
    print(f"edited  {relative}")


def insert_sorted(lines, is_entry, key, new_line, new_key):
    """Inserts new_line before the first entry whose key sorts after new_key, or after
    the last entry. An entry may run over several lines: only its first line is tested."""
    entries = [i for i, line in enumerate(lines) if is_entry(line)]
    if not entries:
        return lines
    for i in entries:
        if key(lines[i]) > new_key:
            return lines[:i] + [new_line] + lines[i:]
    last = entries[-1]
    end = last + 1
    while end < len(lines) and lines[end].startswith(" " * 9) and not is_entry(lines[end]):
        end += 1  # the continuation lines of a multi-line last entry
    return lines[:end] + [new_line] + lines[end:]


# --- rules ------------------------------------------------------------------------------

RULE_HPP = """\
#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {{

// {id}: TODO say in one line what it flags. See docs/rules/{id}.md.
class {cls} final : public Rule {{
 public:
  std::string_view id() const override {{ return "{id}"; }}
  std::string_view summary() const override {{ return "TODO: what {id} flags"; }}
  model::Severity default_severity() const override {{ return model::Severity::warning; }}
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
}};

}}  // namespace migsafe::rules
"""

RULE_CPP = """\
#include "rules/{stem}.hpp"

namespace migsafe::rules {{

std::vector<Violation> {cls}::check(const sql::Statement& statement,
                                    const Context& /*context*/) const {{
  // TODO: look at the statement's facts (statement.as<sql::...>(), rules/sql/facts.hpp)
  // and the migration's context. Until then the rule fires on NOTIFY, which is what its
  // doc page and fixtures use as the bad example: change them together.
  if (statement.node != "NotifyStmt") return {{}};
  return {{{{"TODO: what is wrong with this statement, naming the objects involved",
           "TODO: the safe form", {{}}}}}};
}}

}}  // namespace migsafe::rules
"""

RULE_TEST = """\
#include "rules/{stem}.hpp"

#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rules/rule_test_support.hpp"

namespace migsafe::rules {{
namespace {{

using testing::fixture_findings;

TEST({cls}Test, FiresOnBadFixture) {{
  const auto findings = fixture_findings("{id}", "bad.sql");
  ASSERT_EQ(findings.size(), 1u);  // non-empty: the checks below cannot pass vacuously
  EXPECT_EQ(findings[0].rule, "{id}");
  EXPECT_EQ(findings[0].check, "lint");
  EXPECT_EQ(findings[0].severity, model::Severity::warning);
  EXPECT_EQ(findings[0].location.file, "fixtures/sql/{id}/bad.sql");
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_EQ(findings[0].message,
            "TODO: what is wrong with this statement, naming the objects involved");
}}

TEST({cls}Test, QuietOnGoodLookAlike) {{
  EXPECT_TRUE(fixture_findings("{id}", "good.sql").empty());
}}

TEST({cls}Test, IsRegistered) {{
  const Rule* rule = find_rule("{id}");
  ASSERT_NE(rule, nullptr);
  EXPECT_NE(dynamic_cast<const {cls}*>(rule), nullptr);
}}

}}  // namespace
}}  // namespace migsafe::rules
"""

RULE_BAD = "-- TODO: a realistic migration statement {id} flags.\nNOTIFY plates_changed;\n"
RULE_GOOD = "-- TODO: the safe look-alike {id} stays quiet on.\nSELECT pg_notify('plates_changed', '');\n"

RULE_DOC = """\
# {id}

TODO: what {id} flags.

## Problem

TODO: what goes wrong on a live database when this statement runs beside the running code.

## Lock

TODO: the lock the statement takes and what it blocks.

## Solution

TODO: the safe form, step by step.

## Bad

```sql
{bad}```

## Good

```sql
{good}```

## Options

- Default severity: `warning`. Change it with `[tool.migsafe.severity]`, turn the rule off with `disable = ["{id}"]`, or silence one statement with `-- migsafe:ignore {id}` (SQL) / `# migsafe:ignore {id}` (migration file).
"""


def new_rule(rule_id):
    if not NAME_PATTERN.match(rule_id):
        fail(f"'{rule_id}' is not a kebab-case id (lower-case words joined by '-')")
    stem, cls = snake(rule_id), camel(rule_id)
    values = {"id": rule_id, "stem": stem, "cls": cls}
    bad, good = RULE_BAD.format(**values), RULE_GOOD.format(**values)

    write_new(f"rules/{stem}.hpp", RULE_HPP.format(**values))
    write_new(f"rules/{stem}.cpp", RULE_CPP.format(**values))
    write_new(f"tests/rules/{stem}_test.cpp", RULE_TEST.format(**values))
    write_new(f"fixtures/sql/{rule_id}/bad.sql", bad)
    write_new(f"fixtures/sql/{rule_id}/good.sql", good)
    write_new(f"docs/rules/{rule_id}.md", RULE_DOC.format(bad=bad, good=good, **values))

    # rules/registry.cpp: the include and the table row, both sorted. Ids sort like the
    # class names' kebab forms, which is how the table is kept.
    def kebab(class_name):
        return re.sub(r"(?<!^)([A-Z])", r"-\1", class_name).lower()

    def registry(text):
        lines = text.split("\n")
        include = f'#include "rules/{stem}.hpp"'
        lines = insert_sorted(
            lines, lambda l: l.startswith('#include "rules/') and l != '#include "rules/registry.hpp"',
            lambda l: l, include, include)
        row = re.compile(r"^ {8}\{std::make_unique<(\w+)>\(\)")
        lines = insert_sorted(lines, lambda l: bool(row.match(l)),
                              lambda l: kebab(row.match(l).group(1)),
                              f"        {{std::make_unique<{cls}>(), {{}}}},", rule_id)
        return "\n".join(lines)

    edit("rules/registry.cpp", registry)

    # docs/rules/README.md: the table row, sorted by id.
    def readme(text):
        lines = text.split("\n")
        row = re.compile(r"^\| \[`([a-z-]+)`\]")
        return "\n".join(insert_sorted(
            lines, lambda l: bool(row.match(l)), lambda l: row.match(l).group(1),
            f"| [`{rule_id}`]({rule_id}.md) | warning | TODO: what {rule_id} flags | - |", rule_id))

    edit("docs/rules/README.md", readme)


# --- checks -----------------------------------------------------------------------------

CHECK_CPP = """\
#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {{

// {name}: TODO say what the check proves (docs/checks.md). Add a finding per problem
// with session.add() (check and rule are "{name}") and return failed; throw
// model::Error only when the check cannot run at all.
model::CheckStatus check_{stem}(CheckSession& session) {{
  session.set_note("TODO: not written yet");
  return model::CheckStatus::passed;
}}

}}  // namespace migsafe::analyzer::check
"""


def new_check(name, after):
    if not NAME_PATTERN.match(name):
        fail(f"'{name}' is not a kebab-case name (lower-case words joined by '-')")
    stem = snake(name)
    function = f"check_{stem}"

    write_new(f"analyzer/check/{stem}.cpp", CHECK_CPP.format(name=name, stem=stem))

    def header(text):
        last = list(re.finditer(r"^model::CheckStatus check_\w+\(CheckSession& session\);$",
                                text, re.M))
        if not last:
            return text
        at = last[-1].end()
        return text[:at] + f"\nmodel::CheckStatus {function}(CheckSession& session);" + text[at:]

    edit("analyzer/check/checks.hpp", header)

    # The table runs the checks in order: the new row goes after `after`'s row.
    def table(text):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.lstrip().startswith(f'{{"{after}",'):
                end = i
                while not lines[end].rstrip().endswith("},"):
                    end += 1
                rows = ["      // TODO: does it need the database; is it on by default?",
                        f'      {{"{name}", NeedsDatabase::no, OnByDefault::no, {function}}},']
                return "\n".join(lines[:end + 1] + rows + lines[end + 1:])
        fail(f"analyzer/check/checks.cpp has no check named '{after}'")

    edit("analyzer/check/checks.cpp", table)

    # docs/checks.md: the table row, in the same place.
    def checks_md(text):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith(f"| `{after}` |"):
                row = f"| `{name}` | no | TODO: what it proves | TODO: what a failure names |"
                return "\n".join(lines[:i + 1] + [row] + lines[i + 1:])
        fail(f"docs/checks.md has no row for '{after}'")

    edit("docs/checks.md", checks_md)

    # docs/cli.md: the `## Check names` paragraph, in the same place.
    def cli_md(text):
        start = text.index("\n## Check names\n")
        end = text.index("\n## ", start + 1)
        part = text[start:end]
        spans = re.findall(r"`([a-z-]+)`", part)
        if after not in spans:
            fail(f"docs/cli.md's check names lack '{after}'")
        spans.insert(spans.index(after) + 1, name)
        intro = part[:part.index("`")]
        words, lines, line = [f"`{s}`" for s in spans], [], ""
        for i, word in enumerate(words):
            word += "." if i == len(words) - 1 else ","
            if line and len(line) + 1 + len(word) > 90:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return text[:start] + intro + "\n".join(lines) + "\n" + text[end:]

    edit("docs/cli.md", cli_md)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    rule = kinds.add_parser("rule")
    rule.add_argument("id", help="the rule's kebab-case id, e.g. ban-drop-trigger")
    check = kinds.add_parser("check")
    check.add_argument("name", help="the check's kebab-case name, e.g. revisions-have-downgrades")
    # Before up-down-consistency by default: the first four checks and the last two are
    # where messages and tests expect them.
    check.add_argument("--after", default="replay-per-revision",
                       help="the check the new one runs after (default: replay-per-revision)")
    args = parser.parse_args()
    if args.kind == "rule":
        new_rule(args.id)
    else:
        new_check(args.name, args.after)


if __name__ == "__main__":
    main()
