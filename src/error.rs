//! The error type.

use std::fmt;

/// An error from building an [`Extractor`](crate::Extractor): a bad list line, an
/// unreadable list file. Opaque so it can grow; inspect it with the accessors.
///
/// ```
/// let err = gazette::Extractor::builder()
///     .add_list("mine", "Acme\tgalaxy\tAcme\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.file(), Some("mine"));
/// assert_eq!(err.line(), Some(1));
/// assert!(err.to_string().contains("unknown kind"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    /// A list line that cannot be read.
    ListLine { file: String, line: usize, message: String },
    /// A list file that cannot be read at all.
    ListFile { file: String, message: String },
}

impl Error {
    pub(crate) fn list_line(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::ListLine { file: file.to_string(), line, message: message.into() } }
    }

    pub(crate) fn list_file(file: &str, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::ListFile { file: file.to_string(), message: message.into() } }
    }

    /// The list (file path or name) the error is about, if any.
    pub fn file(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::ListLine { file, .. } | ErrorKind::ListFile { file, .. } => Some(file),
        }
    }

    /// The 1-based line number the error is about, if any.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::ListLine { line, .. } => Some(*line),
            ErrorKind::ListFile { .. } => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::ListLine { file, line, message } => write!(f, "{file}:{line}: {message}"),
            ErrorKind::ListFile { file, message } => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
