#pragma once
// The catalog's search index: one entry per subject (its latest version's type, ids and
// governance metadata) and an inverted index of the words a person searches for (subject,
// record/message and field names, doc strings, governance values). The StateStore keeps it
// under its own lock and the Materializer refreshes the subjects a batch touched, in the
// same apply, so a search never scans schemas (docs/ui.md).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accord/model/types.hpp"

namespace accord::store {

struct CatalogEntry {
  std::string subject;
  SchemaType type = SchemaType::Avro;
  VersionNumber version{0};  // latest live version, or latest of all when `deleted`
  SchemaId id{0};
  int versions = 0;           // live versions
  bool deleted = false;       // no live version left (soft-deleted subject)
  int64_t updated_ms = 0;     // newest record time among its versions
  std::string owner;
  std::string description;
  std::vector<std::string> producers;
  std::vector<std::string> consumers;
  std::map<std::string, std::string> properties;      // metadata.properties of the latest version
  std::optional<CompatibilityLevel> compatibility;    // the subject's own level, if set
};

struct CatalogQuery {
  std::string text;  // free text: every term must start one of the entry's words
  std::optional<SchemaType> type;
  std::optional<std::string> owner;
  std::optional<std::string> producer;
  std::optional<std::string> consumer;
  bool include_deleted = false;
  std::size_t offset = 0;
  std::size_t limit = 50;  // 0: no items, only the total
  // Further conditions (compatibility level, what the user may read). Runs under the
  // store's lock: it must not call back into the store.
  std::function<bool(const CatalogEntry&)> accept;
};

struct CatalogPage {
  std::size_t total = 0;
  std::vector<CatalogEntry> items;  // sorted by subject
};

// The words of a text as the index stores them: lower case, split at anything that is not
// a letter or digit (bytes of UTF-8 sequences count as letters), camelCase parts added, and
// tokens with inner punctuation ("team-7", "order_id") also whole.
std::vector<std::string> catalog_words(std::string_view text, bool split_camel_case = true);
// A query's terms: split at white space only, outer punctuation dropped, lower case. A
// term matches an entry having a word that starts with it.
std::vector<std::string> catalog_terms(std::string_view text);

// A sorted, unique list of words in one allocation, each word prefixed with its length
// (LEB128). A vector of strings costs 32 bytes a word before its text; a catalog of 100,000
// subjects holds millions of words.
class CatalogWordList {
 public:
  class Iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(const char* at, const char* end) : at_(at), end_(end) { read(); }
    std::string_view operator*() const { return word_; }
    Iterator& operator++() {
      at_ = word_.data() + word_.size();
      read();
      return *this;
    }
    Iterator operator++(int) {
      auto before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    void read();
    const char* at_ = nullptr;
    const char* end_ = nullptr;
    std::string_view word_;
  };

  CatalogWordList() = default;
  explicit CatalogWordList(std::vector<std::string> words);  // sorted and deduplicated here
  Iterator begin() const { return {bytes_.data(), bytes_.data() + bytes_.size()}; }
  Iterator end() const { return {bytes_.data() + bytes_.size(), bytes_.data() + bytes_.size()}; }
  std::size_t size() const { return count_; }
  std::size_t bytes() const { return sizeof(*this) + bytes_.capacity(); }

 private:
  std::string bytes_;
  std::size_t count_ = 0;
};

// A schema's words as entries hold them: one copy for every subject whose latest version
// is that schema (a schema shared by a thousand topics).
using CatalogWords = std::shared_ptr<const CatalogWordList>;
CatalogWords catalog_word_set(std::vector<std::string> words);

class CatalogIndex {
 public:
  CatalogIndex() : by_subject_(SubjectOrder{&slots_}) {}
  CatalogIndex(const CatalogIndex&) = delete;  // by_subject_ orders slots through slots_
  CatalogIndex& operator=(const CatalogIndex&) = delete;

  // Adds or replaces the subject's entry. A search matches `words` (its schema's) and the
  // words of the subject's name.
  void put(CatalogEntry entry, CatalogWords words);
  void put(CatalogEntry entry, std::vector<std::string> words) {
    put(std::move(entry), catalog_word_set(std::move(words)));
  }
  void remove(const std::string& subject);
  void clear();
  CatalogPage search(const CatalogQuery& query) const;
  std::size_t size() const { return by_subject_.size(); }

 private:
  using Slot = uint32_t;
  struct Stored {
    CatalogEntry entry;
    CatalogWords schema_words;  // the subject's own name words are derived again when needed
    bool used = false;
  };
  // Slots in the order of their subjects, found by subject: the name is kept once, in its entry.
  struct SubjectOrder {
    using is_transparent = void;
    const std::vector<Stored>* slots;
    std::string_view subject(Slot slot) const { return (*slots)[slot].entry.subject; }
    bool operator()(Slot a, Slot b) const { return subject(a) < subject(b); }
    bool operator()(Slot a, std::string_view b) const { return subject(a) < b; }
    bool operator()(std::string_view a, Slot b) const { return a < subject(b); }
  };
  void post(std::string_view word, Slot slot);
  void unpost(std::string_view word, Slot slot);
  // Slots of the entries some word of theirs starts with `prefix`, as a membership mask.
  std::vector<bool> matching(const std::string& prefix) const;

  std::vector<Stored> slots_;
  std::vector<Slot> free_;
  std::set<Slot, SubjectOrder> by_subject_;                         // listing order
  std::map<std::string, std::vector<Slot>, std::less<>> postings_;  // word -> sorted slots
};

}  // namespace accord::store
