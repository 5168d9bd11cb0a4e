//! Record encoding. redb's `Value::from_bytes` cannot fail, so values are stored as
//! raw bytes and decoded here, where a damaged record becomes a clear error instead
//! of a panic.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(value)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode record: {e}")))
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    postcard::from_bytes(bytes)
        .map_err(|e| StoreError::Corrupt(format!("{what} record cannot be read: {e}")))
}
