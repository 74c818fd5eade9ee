#include "avro_test_support.hpp"
