"""Sources screen: the list of a situation's sources and the reader that highlights logged quotes."""
