QUERY_TOO_LONG = "query_too_long"
UNKNOWN_PLACE = "unknown_place"
DISTANCE_NEEDS_CENTER = "distance_needs_center"
RELEVANCE_NEEDS_QUERY = "relevance_needs_query"
