//! The seed tutorials' claims whose answer is the same on every platform, asserted.
//!
//! `examples/seed_claims.rs` measures and explains each claim; this test includes that file and
//! checks both its measurements and its verdicts, so the example cannot drift into printing a
//! wrong verdict. The Linux-and-glibc claims (where malloc's blocks lie, the stack limits) are
//! checked only there, outside Miri.

#[allow(dead_code)]
#[path = "../examples/seed_claims.rs"]
mod seed_claims;

use seed_claims::{Verdict, all_claims};

#[test]
fn seed_002_struct_sizes_are_multiples_of_the_alignment() {
    // Efficient { i32, i32, i16 } is not 10 bytes; reordering Inefficient changes nothing.
    assert_eq!(seed_claims::struct_sizes(), (12, 12, 12));
}

#[test]
fn seed_003_a_spawned_thread_has_far_more_than_64_kib_of_stack() {
    assert!(seed_claims::half_a_mebibyte_on_a_spawned_thread());
}

#[test]
fn seed_000_an_array_is_allocated_with_layout_array() {
    // The sum of 0..10 read back from the block: 45.
    assert_eq!(seed_claims::ten_i32s_by_layout_array(), (40, 4, 45));
}

#[test]
fn seed_003_writing_through_the_u8_pointer_sets_one_byte_only() {
    let (through_u8, through_u16) = seed_claims::forty_two_through_u8_and_u16();
    assert_eq!(through_u8, u16::from_ne_bytes([42, 0])); // 42 little-endian, 10752 big-endian
    assert_eq!(through_u16, 42);
}

#[test]
fn seed_002_option_box_is_free() {
    let word = size_of::<usize>();
    assert_eq!(seed_claims::option_box_sizes(), (word, word, word, word, 0));
}

#[test]
fn seed_001_doubling_copies_o_n_and_growth_by_one_o_n_squared() {
    let n = seed_claims::DOUBLING_PUSHES;
    let (doubling, by_one) = seed_claims::copies_doubling_vs_by_one(n);
    // Less than the final capacity, itself under 2n elements of 8 bytes.
    assert!(
        doubling < 2 * 8 * n,
        "doubling copied {doubling} bytes for {n} pushes"
    );
    assert_eq!(by_one, 8 * n * (n - 1) / 2);
}

#[test]
fn every_claim_gets_the_expected_verdict() {
    let glibc = cfg!(all(target_os = "linux", target_env = "gnu", not(miri)));
    let expected = [
        ("std::alloc::alloc_array", Verdict::False),
        ("Doubling gives O(1)", Verdict::True),
        ("takes 10 bytes", Verdict::False),
        (
            "uses sbrk",
            if glibc {
                Verdict::HalfTrue
            } else {
                Verdict::NotMeasurableHere
            },
        ),
        ("Option<Box<T>>", Verdict::True),
        ("64 kb", Verdict::False),
        ("*ptr = 42", Verdict::Misleading),
    ];
    let claims = all_claims();
    assert_eq!(claims.len(), expected.len());
    for (claim, (quote, verdict)) in claims.iter().zip(expected) {
        assert!(
            claim.claim.contains(quote),
            "claims out of order: {}",
            claim.claim
        );
        assert_eq!(
            claim.verdict, verdict,
            "{}: measured {}",
            claim.claim, claim.measured
        );
        assert!(!claim.measured.is_empty() && !claim.why.is_empty());
    }
}
