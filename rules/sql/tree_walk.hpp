#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <cstdint>

// Internal to rules/sql: a walk over every message of a protobuf-c parse tree.
namespace migsafe::rules::sql {
namespace detail {

template <class Visit>
void walk_message(const ProtobufCMessage* message, Visit& visit);

inline const ProtobufCMessage* message_at(const ProtobufCMessage* message, unsigned offset) {
  return *reinterpret_cast<const ProtobufCMessage* const*>(reinterpret_cast<const char*>(message) +
                                                           offset);
}

// Fields in name order: the order libpg_query's JSON members had once parsed into a
// sorted map, so walks see nodes in the order they always did (the first function a
// default calls, the first enum literal a statement uses). The proto field names sort
// like the JSON names for every message a raw parse tree holds.
template <class Visit>
void walk_message(const ProtobufCMessage* message, Visit& visit) {
  if (message == nullptr || !visit(*message)) return;
  const ProtobufCMessageDescriptor* descriptor = message->descriptor;
  if (descriptor == &pg_query__node__descriptor) {
    const auto* node = reinterpret_cast<const PgQuery__Node*>(message);
    if (node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return;
    // Every member of the Node union is a message pointer: any of them reads the one set.
    walk_message(reinterpret_cast<const ProtobufCMessage*>(node->alias), visit);
    return;
  }
  const char* base = reinterpret_cast<const char*>(message);
  for (unsigned i = 0; i < descriptor->n_fields; ++i) {
    const ProtobufCFieldDescriptor& field =
        descriptor->fields[descriptor->fields_sorted_by_name[i]];
    if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + field.quantifier_offset) != field.id) {
      continue;  // another member of the oneof is set
    }
    if (field.label == PROTOBUF_C_LABEL_REPEATED) {
      const std::size_t count =
          *reinterpret_cast<const std::size_t*>(base + field.quantifier_offset);
      const auto* items =
          *reinterpret_cast<const ProtobufCMessage* const* const*>(base + field.offset);
      for (std::size_t k = 0; k < count; ++k) walk_message(items[k], visit);
    } else {
      walk_message(message_at(message, field.offset), visit);
    }
  }
}

}  // namespace detail

// Calls visit(message) for every message of the tree under `node`, itself first, depth
// first: each Node, then the statement or expression it holds, then their fields. A
// visit returning false skips that message's children.
template <class Visit>
void for_each_message(const PgQuery__Node* node, Visit visit) {
  detail::walk_message(reinterpret_cast<const ProtobufCMessage*>(node), visit);
}

}  // namespace migsafe::rules::sql
