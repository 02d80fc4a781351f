#include "dbdrivers/sqlite/row_hash.hpp"

#include <SQLiteCpp/Column.h>

#include <cstring>

namespace migsafe::dbdrivers::sqlite {
namespace {

// FNV-1a: small, fixed and fast enough next to SQLite's own decoding of each row.
class Fnv1a {
 public:
  void add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= bytes[i];
      hash_ *= 0x100000001b3ULL;
    }
  }
  void add_number(std::uint64_t value) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(value >> (8 * i));
    add(bytes, sizeof bytes);
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// splitmix64's finalizer: FNV's low bits are weak, and the table's hash is a sum of
// row hashes, so every bit of each must depend on every input bit.
std::uint64_t mixed(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::uint64_t hash_current_row(SQLite::Statement& statement) {
  Fnv1a hash;
  const int columns = statement.getColumnCount();
  for (int i = 0; i < columns; ++i) {
    const SQLite::Column value = statement.getColumn(i);
    hash.add_number(static_cast<std::uint64_t>(value.getType()));
    if (value.isInteger()) {
      hash.add_number(static_cast<std::uint64_t>(value.getInt64()));
    } else if (value.isFloat()) {
      const double real = value.getDouble();
      std::uint64_t bits = 0;
      std::memcpy(&bits, &real, sizeof bits);
      hash.add_number(bits);
    } else if (value.isText() || value.isBlob()) {
      // The pointer first, then its size: SQLite's documented order.
      const void* bytes = value.getBlob();
      const auto size = static_cast<std::size_t>(value.getBytes());
      hash.add_number(size);
      hash.add(bytes, size);
    }  // NULL: its storage class says it all
  }
  return mixed(hash.value());
}

}  // namespace migsafe::dbdrivers::sqlite
