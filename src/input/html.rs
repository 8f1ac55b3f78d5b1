//! placeholder
use super::{Document, InputError};
pub fn read(_bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::new(super::ErrorKind::WrongType, "html"))
}
