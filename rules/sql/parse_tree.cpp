#include "rules/sql/parse_tree.hpp"

namespace migsafe::rules::sql {

// A bump allocator: protobuf-c asks it for every message, string and array it unpacks.
struct ParseTree::Arena {
  static constexpr std::size_t block_size = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks;
  char* next = nullptr;
  std::size_t left = 0;

  void* allocate(std::size_t size) {
    size = (size + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (size > left) {
      const std::size_t bytes = size > block_size ? size : block_size;
      blocks.emplace_back(new char[bytes]);
      next = blocks.back().get();
      left = bytes;
    }
    void* out = next;
    next += size;
    left -= size;
    return out;
  }

  static void* alloc(void* self, std::size_t size) {
    return static_cast<Arena*>(self)->allocate(size);
  }
  static void release(void*, void*) {}  // everything goes with the arena
};

ParseTree::ParseTree(const char* sql)
    : result_(pg_query_parse_protobuf(sql)), arena_(std::make_unique<Arena>()) {
  if (result_.error != nullptr) return;
  ProtobufCAllocator allocator{&Arena::alloc, &Arena::release, arena_.get()};
  tree_ = pg_query__parse_result__unpack(&allocator, result_.parse_tree.len,
                                         reinterpret_cast<const uint8_t*>(result_.parse_tree.data));
}

ParseTree::~ParseTree() { pg_query_free_protobuf_parse_result(result_); }

const char* node_type_name(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return "";
  // Every member of the Node union is a message pointer: any of them reads the one set.
  const auto* message = reinterpret_cast<const ProtobufCMessage*>(node->alias);
  return message != nullptr ? message->descriptor->short_name : "";
}

std::string enum_name(const ProtobufCEnumDescriptor& descriptor, int value) {
  const ProtobufCEnumValue* v = protobuf_c_enum_descriptor_get_value(&descriptor, value);
  return v != nullptr ? v->name : std::string();
}

}  // namespace migsafe::rules::sql
