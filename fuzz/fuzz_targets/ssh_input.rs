//! An SSH client's key bytes, cut into packets at arbitrary points, through
//! `ssh::input::KeyDecoder`. The input is: a count byte, that many 16-bit cut
//! offsets, then the bytes. Checks in `tests/fuzz_harness/keys.rs`.
#![no_main]

use arbitrary::Unstructured;

#[path = "../../tests/front_ends/fuzz_harness/keys.rs"]
mod keys;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let count = u.int_in_range(0..=8u8).unwrap_or(0);
    let cuts: Vec<usize> = (0..count)
        .map(|_| usize::from(u.arbitrary::<u16>().unwrap_or(0)))
        .collect();
    let bytes = u.take_rest();
    if let Err(e) = keys::check(bytes, &cuts) {
        panic!("{e}");
    }
});
