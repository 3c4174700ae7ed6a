//! Plain little-endian bytes for the arrays a search index (and the pool cache around it) is made
//! of: written in one go, read back with every length checked, so a damaged file reads as `None`,
//! never as a panic or a huge allocation.

/// Appends numbers and length-prefixed arrays to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length, then the bytes.
    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.bytes.extend_from_slice(b);
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.bytes.reserve(v.len() * 4);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.bytes.reserve(v.len() * 8);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Takes back what a [`Writer`] wrote, in the same order.
#[derive(Debug)]
pub struct Reader<'a> {
    pub rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    pub fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    /// A length, then that many items of `size` bytes (the length checked against what is
    /// left before anything is allocated).
    fn array(&mut self, size: usize) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        self.take(n.checked_mul(size)?)
    }

    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        self.array(1)
    }

    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let raw = self.array(4)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let raw = self.array(8)?;
        Some(raw.chunks_exact(8).map(le_u64).collect())
    }

    /// A length, then that many records of `size` bytes each, as one slice.
    pub fn records(&mut self, size: usize) -> Option<&'a [u8]> {
        self.array(size)
    }
}

/// The first 8 bytes of `c` as a little-endian number (0 when shorter).
pub fn le_u64(c: &[u8]) -> u64 {
    c.get(..8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_a_cut_reads_as_none() {
        let mut w = Writer::default();
        w.u64(7);
        w.bytes(b"abc");
        w.u32s(&[1, 2, u32::MAX]);
        w.u64s(&[u64::MAX, 0]);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.u64(), Some(7));
        assert_eq!(r.bytes(), Some(&b"abc"[..]));
        assert_eq!(r.u32s(), Some(vec![1, 2, u32::MAX]));
        assert_eq!(r.u64s(), Some(vec![u64::MAX, 0]));
        assert!(r.rest.is_empty());
        for cut in 0..w.bytes.len() {
            let mut r = Reader::new(&w.bytes[..cut]);
            let whole = r.u64().is_some()
                && r.bytes().is_some()
                && r.u32s().is_some()
                && r.u64s().is_some();
            assert!(!whole, "cut at {cut}");
        }
        // A length that claims more than the file holds allocates nothing.
        let mut huge = Writer::default();
        huge.u64(u64::MAX / 2);
        assert!(Reader::new(&huge.bytes).u64s().is_none());
    }
}
