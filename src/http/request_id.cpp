#include "request_id.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace accord::http {

std::string new_request_id() {
  // One generator per thread: seeding is the expensive part and generators are not
  // thread-safe, while io threads generate ids concurrently.
  thread_local boost::uuids::random_generator_mt19937 generator;
  return boost::uuids::to_string(generator());
}

}  // namespace accord::http
