//! Placeholder for the `PartialEq` impls of `MyVec` (being written on the vec-core branch).
