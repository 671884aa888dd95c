//! Prints a number; it exists so the test image holds a binary built with cargo-auditable.
fn main() {
    let mut digits: smallvec::SmallVec<[u8; 8]> = smallvec::SmallVec::new();
    digits.extend_from_slice(itoa::Buffer::new().format(2024_u32).as_bytes());
    println!("{}", String::from_utf8_lossy(&digits));
}
