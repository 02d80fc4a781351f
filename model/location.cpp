#include "model/location.hpp"

namespace migsafe::model {

LineColumn line_column_at(const std::string& text, std::size_t byte_offset) {
  LineColumn at;
  const std::size_t end = byte_offset < text.size() ? byte_offset : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++at.column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return at;
}

}  // namespace migsafe::model
