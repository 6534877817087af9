//! SipSecret as the live service sends it, so Exotel's browser SDK can read
//! it: a random SIP password encrypted with AES-256 in CFB mode (128-bit
//! segments, no padding, which is what CryptoJS's `mode.CFB` with
//! `pad.NoPadding` does) under the key the SDK publishes, written as the hex
//! IV (32 characters) followed by the hex ciphertext. The SDK
//! (@exotel-npm-dev/exotel-ip-calling-crm-websdk, User.ts) splits it there
//! and decrypts it the same way; its Constants.ts holds the key as hex.

use aes::cipher::{AsyncStreamCipher, KeyIvInit};

type Aes256CfbEnc = cfb_mode::Encryptor<aes::Aes256>;

/// The SDK's `publicKey`: 32 ASCII bytes, published as hex.
const SDK_KEY: &[u8; 32] = b"change this password to a secret";
/// Characters of a generated password: plain ASCII, so any client decodes
/// the UTF-8 the SDK expects.
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PASSWORD_LEN: usize = 20;

/// A fresh SIP password and its SipSecret.
pub fn new_credentials() -> (String, String) {
    let password = random_password();
    let mut iv = [0u8; 16];
    fill_random(&mut iv);
    let secret = encrypt(&password, &iv);
    (password, secret)
}

/// `hex(iv) + hex(AES-256-CFB(password))`.
pub fn encrypt(password: &str, iv: &[u8; 16]) -> String {
    let mut data = password.as_bytes().to_vec();
    Aes256CfbEnc::new(SDK_KEY.into(), iv.into()).encrypt(&mut data);
    hex(iv) + &hex(&data)
}

fn random_password() -> String {
    // Rejection sampling keeps every character equally likely: only bytes
    // below the largest multiple of the alphabet's size are used.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut password = String::with_capacity(PASSWORD_LEN);
    let mut bytes = [0u8; 32];
    while password.len() < PASSWORD_LEN {
        fill_random(&mut bytes);
        for b in bytes.iter().filter(|b| **b < limit) {
            if password.len() < PASSWORD_LEN {
                password.push(ALPHABET[usize::from(*b) % ALPHABET.len()] as char);
            }
        }
    }
    password
}

fn fill_random(buf: &mut [u8]) {
    // Under `--fixed-clock` the same answers every run (screenshots): the
    // bytes come from the users' counted stream, like every other id.
    if crate::fixed::is_fixed() {
        for chunk in buf.chunks_mut(16) {
            let bytes = *crate::fixed::uuid(crate::fixed::Stream::User).as_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        return;
    }
    getrandom::fill(buf).expect("the operating system's random generator works");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_one_the_sdk_publishes() {
        // @exotel-npm-dev/exotel-ip-calling-crm-websdk 1.2.2, src/Constants.ts
        assert_eq!(
            hex(SDK_KEY),
            "6368616e676520746869732070617373776f726420746f206120736563726574"
        );
    }

    #[test]
    fn cfb_is_the_full_block_mode_of_nist_sp_800_38a() {
        // SP 800-38A, F.3.17 (CFB128-AES256.Encrypt), first block: the mode
        // CryptoJS implements, checked against the standard, not against
        // this code. The browser test checks the SDK's own decryption.
        let key: [u8; 32] =
            unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        let iv: [u8; 16] = unhex("000102030405060708090a0b0c0d0e0f");
        let mut data: [u8; 16] = unhex("6bc1bee22e409f96e93d7e117393172a");
        Aes256CfbEnc::new(&key.into(), &iv.into()).encrypt(&mut data);
        assert_eq!(hex(&data), "dc7e84bfda79164b7ecd8486985d3860");
    }

    #[test]
    fn credentials_are_fresh_hex_of_iv_and_password_length() {
        let (p1, s1) = new_credentials();
        let (p2, s2) = new_credentials();
        assert_ne!((&p1, &s1), (&p2, &s2));
        assert_eq!(p1.len(), PASSWORD_LEN);
        assert!(p1.bytes().all(|b| ALPHABET.contains(&b)));
        // Stream mode: as many ciphertext bytes as password bytes.
        assert_eq!(s1.len(), 32 + 2 * PASSWORD_LEN);
        assert!(s1
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }

    fn unhex<const N: usize>(text: &str) -> [u8; N] {
        let mut out = [0u8; N];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }
}
