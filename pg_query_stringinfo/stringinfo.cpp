// libpg_query's StringInfo functions (PostgreSQL's src/common/stringinfo.c), with a
// fast appendStringInfo.
//
// libpg_query prints every parse tree as JSON through appendStringInfo, one call per
// member with a format like "\"relname\":\"%s\"," or no conversion at all. PostgreSQL's
// own version runs each through its printf engine, and that was a sixth of a lint's
// instructions, more than the grammar itself. This one copies the text up to each
// conversion and writes %s, %d, %u, %ld and %c itself; any other format goes through
// PostgreSQL's printf as before (pvsnprintf). The output is the same byte for byte.
//
// These definitions replace those of libpg_query.a's src_common_stringinfo.o, which
// then never gets linked: this file is linked into the executables as an object file
// (see CMakeLists.txt here), so it defines every function of that member before the
// archive is searched. Everything else follows PostgreSQL 15's code, and the symbols
// stay out of the dynamic symbol table like the archive's (--exclude-libs,
// cmake/dependencies.cmake).
//
// Adapted from PostgreSQL's src/common/stringinfo.c, Portions Copyright (c) 1996-2022,
// PostgreSQL Global Development Group, under the PostgreSQL License.
#include <string.h>  // strchrnul

#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstddef>
#include <cstring>

namespace {

// PostgreSQL 15's lib/stringinfo.h, which libpg-query-dev does not install.
struct StringInfoData {
  char* data;
  int len;
  int maxlen;
  int cursor;
};
using StringInfo = StringInfoData*;

// PostgreSQL's MaxAllocSize: the largest palloc.
constexpr std::size_t max_alloc_size = 0x3fffffff;

}  // namespace

#define MIGSAFE_PG_HIDDEN extern "C" __attribute__((visibility("hidden")))

// From libpg_query.a (mcxt.c, psprintf.c).
extern "C" void* palloc(std::size_t size);
extern "C" void* repalloc(void* pointer, std::size_t size);
extern "C" std::size_t pvsnprintf(char* buf, std::size_t len, const char* fmt, va_list args);

MIGSAFE_PG_HIDDEN void resetStringInfo(StringInfo str) {
  str->data[0] = '\0';
  str->len = 0;
  str->cursor = 0;
}

MIGSAFE_PG_HIDDEN void initStringInfo(StringInfo str) {
  const int size = 1024;  // initial default buffer size
  str->data = static_cast<char*>(palloc(size));
  str->maxlen = size;
  resetStringInfo(str);
}

// Room for `needed` more bytes and the trailing NUL, doubling the buffer as PostgreSQL
// does. Past MaxAllocSize (a parse tree printing to over 1 GB), repalloc raises
// PostgreSQL's "invalid memory alloc request size" error, which libpg_query turns into a
// parse error, where PostgreSQL's version raised "out of memory": raising that one takes
// elog's internals, which libpg-query-dev does not install.
MIGSAFE_PG_HIDDEN void enlargeStringInfo(StringInfo str, int needed) {
  if (needed < 0 || static_cast<std::size_t>(needed) >= max_alloc_size - str->len) {
    repalloc(str->data, max_alloc_size + 1);
  }
  needed += str->len + 1;
  if (needed <= str->maxlen) return;
  int newlen = 2 * str->maxlen;
  while (needed > newlen) newlen = 2 * newlen;
  if (static_cast<std::size_t>(newlen) > max_alloc_size) newlen = static_cast<int>(max_alloc_size);
  str->data = static_cast<char*>(repalloc(str->data, newlen));
  str->maxlen = newlen;
}

namespace {

// Room for `n` more bytes and the trailing NUL; enlargeStringInfo only when it is short.
inline void reserve(StringInfo str, int n) {
  if (str->len + n >= str->maxlen) enlargeStringInfo(str, n);
}

// Appends without the trailing NUL, which the caller writes once it is done.
inline void append_bytes(StringInfo str, const char* bytes, int n) {
  reserve(str, n);
  std::memcpy(str->data + str->len, bytes, static_cast<std::size_t>(n));
  str->len += n;
}

}  // namespace

MIGSAFE_PG_HIDDEN void appendBinaryStringInfo(StringInfo str, const void* data, int datalen) {
  enlargeStringInfo(str, datalen);  // also rejects a negative length, as PostgreSQL's
  std::memcpy(str->data + str->len, data, static_cast<std::size_t>(datalen));
  str->len += datalen;
  str->data[str->len] = '\0';
}

MIGSAFE_PG_HIDDEN void appendStringInfoString(StringInfo str, const char* s) {
  append_bytes(str, s, static_cast<int>(std::strlen(s)));
  str->data[str->len] = '\0';
}

MIGSAFE_PG_HIDDEN void appendStringInfoChar(StringInfo str, char ch) {
  reserve(str, 1);
  str->data[str->len] = ch;
  str->len++;
  str->data[str->len] = '\0';
}

MIGSAFE_PG_HIDDEN void appendStringInfoSpaces(StringInfo str, int count) {
  if (count <= 0) return;
  enlargeStringInfo(str, count);
  while (--count >= 0) str->data[str->len++] = ' ';
  str->data[str->len] = '\0';
}

// PostgreSQL's: formats into the space left, or returns how much more it needs.
MIGSAFE_PG_HIDDEN int appendStringInfoVA(StringInfo str, const char* fmt, va_list args) {
  const int avail = str->maxlen - str->len;
  if (avail < 16) return 32;
  const std::size_t nprinted =
      pvsnprintf(str->data + str->len, static_cast<std::size_t>(avail), fmt, args);
  if (nprinted < static_cast<std::size_t>(avail)) {
    str->len += static_cast<int>(nprinted);
    return 0;
  }
  str->data[str->len] = '\0';  // leave the string as it was
  return static_cast<int>(nprinted);
}

namespace {

template <class Integer>
void append_integer(StringInfo str, Integer value) {
  constexpr int most_digits = 24;  // a long's 19 digits and its sign fit
  reserve(str, most_digits);
  char* at = str->data + str->len;
  str->len += static_cast<int>(std::to_chars(at, at + most_digits, value).ptr - at);
}

// Appends `fmt` with its arguments when every conversion in it is a plain %s, %d, %u,
// %ld, %c or %%, as PostgreSQL's printf would write them; else leaves `str` as it was
// and returns false. One pass over the format: the text between conversions is copied
// as it is found.
bool append_plain_format(StringInfo str, const char* fmt, va_list args) {
  const int start = str->len;
  const char* text = fmt;  // the literal text not appended yet
  const char* p = fmt;
  for (;;) {
    p = strchrnul(p, '%');  // glibc's: the next '%' or the end, a word at a time
    append_bytes(str, text, static_cast<int>(p - text));
    if (*p == '\0') break;
    int length = 2;  // of the conversion: "%d", or "%ld"
    switch (p[1]) {
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        append_bytes(str, s, static_cast<int>(std::strlen(s)));
        break;
      }
      case 'd':
        append_integer(str, va_arg(args, int));
        break;
      case 'u':
        append_integer(str, va_arg(args, unsigned int));
        break;
      case 'c': {
        const char c = static_cast<char>(va_arg(args, int));
        append_bytes(str, &c, 1);
        break;
      }
      case '%':
        append_bytes(str, "%", 1);
        break;
      case 'l':
        if (p[2] == 'd') {
          append_integer(str, va_arg(args, long));
          length = 3;
          break;
        }
        [[fallthrough]];
      default:
        str->len = start;
        str->data[start] = '\0';
        return false;
    }
    p += length;
    text = p;
  }
  str->data[str->len] = '\0';
  return true;
}

}  // namespace

MIGSAFE_PG_HIDDEN void appendStringInfo(StringInfo str, const char* fmt, ...) {
  const int save_errno = errno;  // for %m, before an allocation can change it
  va_list args;
  va_start(args, fmt);
  const bool done = append_plain_format(str, fmt, args);
  va_end(args);
  if (done) return;
  // PostgreSQL's loop: format, and on running out of room enlarge and format again.
  for (;;) {
    errno = save_errno;
    va_start(args, fmt);
    const int needed = appendStringInfoVA(str, fmt, args);
    va_end(args);
    if (needed == 0) break;
    enlargeStringInfo(str, needed);
  }
}
