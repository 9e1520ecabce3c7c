//! Deterministic seeding for randomised routines.

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective mix of 64 bits.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of stream `index` derived from a user seed, so each resample or permutation has
/// its own generator whichever thread draws it.
pub(crate) fn stream_seed(seed: u64, index: u64) -> u64 {
    mix64(seed ^ index.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA))
}

/// A well-spread hash of a position, for deterministic sampling.
pub(crate) fn position_hash(index: u64) -> u64 {
    mix64(index.wrapping_add(GOLDEN_GAMMA))
}
