#include "accord/store/catalog_index.hpp"

#include <algorithm>
#include <cctype>

namespace accord::store {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (is_upper(static_cast<unsigned char>(c))) c = static_cast<char>(c + 32);
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

// Whitespace-separated tokens, without leading or trailing punctuation, lower case.
std::vector<std::string> catalog_terms(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view token = text.substr(start, i - start);
    while (!token.empty() && !is_word_byte(static_cast<unsigned char>(token.front()))) token.remove_prefix(1);
    while (!token.empty() && !is_word_byte(static_cast<unsigned char>(token.back()))) token.remove_suffix(1);
    if (!token.empty()) out.push_back(lower(token));
  }
  return out;
}

std::vector<std::string> catalog_words(std::string_view text, bool split_camel_case) {
  std::vector<std::string> out;
  // "team-7" and "orders_v2" whole, so that a search for them is no broader than they are.
  for (auto& term : catalog_terms(text))
    if (std::any_of(term.begin(), term.end(), [](char c) { return !is_word_byte(static_cast<unsigned char>(c)); }))
      out.push_back(std::move(term));
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i) continue;
    const std::string_view word = text.substr(start, i - start);
    out.push_back(lower(word));
    if (!split_camel_case) continue;
    // "customerId" also answers "id"; "HTTPServer" also "server".
    std::size_t part = 0;
    for (std::size_t k = 1; k < word.size(); ++k) {
      const auto prev = static_cast<unsigned char>(word[k - 1]);
      const auto cur = static_cast<unsigned char>(word[k]);
      const bool next_lower = k + 1 < word.size() && is_lower_or_digit(static_cast<unsigned char>(word[k + 1]));
      if (is_upper(cur) && (is_lower_or_digit(prev) || (is_upper(prev) && next_lower))) {
        out.push_back(lower(word.substr(part, k - part)));
        part = k;
      }
    }
    if (part > 0) out.push_back(lower(word.substr(part)));
  }
  return out;
}

void CatalogWordList::Iterator::read() {
  if (at_ == end_) return;
  std::size_t length = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*at_++);
    length |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
  }
  word_ = std::string_view(at_, length);
}

CatalogWordList::CatalogWordList(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::size_t total = 0;
  for (const auto& word : words) total += word.size() + 2;
  bytes_.reserve(total);
  for (const auto& word : words) {
    for (std::size_t length = word.size();; length >>= 7) {
      const auto low = static_cast<char>(length & 0x7f);
      if (length < 0x80) {
        bytes_.push_back(low);
        break;
      }
      bytes_.push_back(static_cast<char>(low | 0x80));
    }
    bytes_ += word;
  }
  bytes_.shrink_to_fit();
  count_ = words.size();
}

CatalogWords catalog_word_set(std::vector<std::string> words) {
  return std::make_shared<const CatalogWordList>(std::move(words));
}

namespace {

// The words of a subject's own name, the whole name (separators and all) among them.
CatalogWordList name_words(const std::string& subject) {
  auto words = catalog_words(subject);
  words.push_back(lower(subject));
  return CatalogWordList(std::move(words));
}

}  // namespace

// A word in both of an entry's lists is posted once and unposted once.
void CatalogIndex::post(std::string_view word, Slot slot) {
  auto posting = postings_.find(word);
  if (posting == postings_.end()) posting = postings_.emplace(std::string(word), std::vector<Slot>{}).first;
  auto& list = posting->second;
  auto at = std::lower_bound(list.begin(), list.end(), slot);
  if (at == list.end() || *at != slot) list.insert(at, slot);
}

void CatalogIndex::unpost(std::string_view word, Slot slot) {
  auto posting = postings_.find(word);
  if (posting == postings_.end()) return;
  auto& list = posting->second;
  auto at = std::lower_bound(list.begin(), list.end(), slot);
  if (at != list.end() && *at == slot) list.erase(at);
  if (list.empty()) postings_.erase(posting);
}

void CatalogIndex::put(CatalogEntry entry, CatalogWords words) {
  remove(entry.subject);
  if (!words) words = catalog_word_set({});
  Slot slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<Slot>(slots_.size());
    slots_.emplace_back();
  }
  for (auto word : *words) post(word, slot);
  for (auto word : name_words(entry.subject)) post(word, slot);
  slots_[slot] = Stored{std::move(entry), std::move(words), true};
  by_subject_.insert(slot);  // ordered by the subject just stored
}

void CatalogIndex::remove(const std::string& subject) {
  auto it = by_subject_.find(std::string_view(subject));
  if (it == by_subject_.end()) return;
  const Slot slot = *it;
  by_subject_.erase(it);  // before its entry goes: the order reads the entry's subject
  for (auto word : *slots_[slot].schema_words) unpost(word, slot);
  for (auto word : name_words(subject)) unpost(word, slot);
  slots_[slot] = Stored{};
  free_.push_back(slot);
}

void CatalogIndex::clear() {
  slots_.clear();
  free_.clear();
  by_subject_.clear();
  postings_.clear();
}

std::vector<bool> CatalogIndex::matching(const std::string& prefix) const {
  std::vector<bool> mask(slots_.size(), false);
  for (auto it = postings_.lower_bound(prefix); it != postings_.end() && it->first.starts_with(prefix); ++it)
    for (Slot slot : it->second) mask[slot] = true;
  return mask;
}

namespace {

bool accepts(const CatalogQuery& query, const CatalogEntry& e) {
  if (e.deleted && !query.include_deleted) return false;
  if (query.type && e.type != *query.type) return false;
  if (query.owner && e.owner != *query.owner) return false;
  if (query.producer && !contains(e.producers, *query.producer)) return false;
  if (query.consumer && !contains(e.consumers, *query.consumer)) return false;
  return !query.accept || query.accept(e);
}

}  // namespace

CatalogPage CatalogIndex::search(const CatalogQuery& query) const {
  CatalogPage page;
  auto take = [&](const CatalogEntry& e) {
    if (!accepts(query, e)) return;
    if (page.total >= query.offset && page.items.size() < query.limit) page.items.push_back(e);
    ++page.total;
  };
  const auto terms = catalog_terms(query.text);
  if (terms.empty()) {
    for (Slot slot : by_subject_) take(slots_[slot].entry);
    return page;
  }
  // Each term narrows the set; only the matches are then visited, in subject order.
  std::vector<bool> allowed = matching(terms.front());
  for (std::size_t t = 1; t < terms.size(); ++t) {
    const auto mask = matching(terms[t]);
    for (std::size_t i = 0; i < mask.size(); ++i) allowed[i] = allowed[i] && mask[i];
  }
  std::vector<Slot> hits;
  for (std::size_t i = 0; i < allowed.size(); ++i)
    if (allowed[i]) hits.push_back(static_cast<Slot>(i));
  // Sorting many matches by name costs more than walking the names in order.
  if (hits.size() > by_subject_.size() / 8) {
    for (Slot slot : by_subject_)
      if (allowed[slot]) take(slots_[slot].entry);
    return page;
  }
  std::sort(hits.begin(), hits.end(),
            [&](Slot a, Slot b) { return slots_[a].entry.subject < slots_[b].entry.subject; });
  for (Slot slot : hits) take(slots_[slot].entry);
  return page;
}

}  // namespace accord::store
