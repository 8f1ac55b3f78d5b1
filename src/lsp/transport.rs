//! A framing filter between stdin and the protocol framework.
//!
//! tower-lsp-server reads stdin through a `FramedRead`, which ends its stream after the first
//! frame it cannot decode — one malformed message from a client would end the whole session.
//! This filter reads the raw bytes itself, tolerates what real clients send (header names in
//! any case, extra headers, garbage between frames), and passes on only frames whose body is
//! a JSON-RPC request or response the framework can decode, re-framed canonically. Anything
//! else is logged and dropped.

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};
use tracing::warn;

/// Largest message accepted (a 50 MB document sent whole, with JSON escaping, fits).
const MAX_BODY: usize = 512 * 1024 * 1024;

/// What one complete frame turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A valid message body.
    Message(Vec<u8>),
    /// A frame that was dropped, with the reason.
    Dropped(String),
}

/// Incremental parser of LSP frames.
#[derive(Default)]
pub struct Framer {
    buf: Vec<u8>,
    /// Content length of the frame whose headers were read.
    pending: Option<usize>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `body` decodes as the framework's JSON-RPC message (request or response).
pub fn valid_body(body: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("invalid UTF-8: {e}"))?;
    if text.trim().is_empty() {
        return Err("empty body".into());
    }
    // Exactly what the framework will decode: a request, else a response.
    match serde_json::from_str::<Request>(text) {
        Ok(_) => Ok(()),
        Err(e) if serde_json::from_str::<Response>(text).is_ok() => {
            let _ = e;
            Ok(())
        }
        Err(e) => Err(match serde_json::from_str::<Value>(text) {
            Ok(_) => "not a JSON-RPC 2.0 request or response".to_string(),
            Err(_) => format!("invalid JSON: {e}"),
        }),
    }
}

impl Framer {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, if the buffer holds one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            if let Some(len) = self.pending {
                if self.buf.len() < len {
                    return None;
                }
                let body: Vec<u8> = self.buf.drain(..len).collect();
                self.pending = None;
                return Some(match valid_body(&body) {
                    Ok(()) => Frame::Message(body),
                    Err(why) => Frame::Dropped(why),
                });
            }
            // Headers end at the first blank line.
            let end = find(&self.buf, b"\r\n\r\n")?;
            let headers = String::from_utf8_lossy(&self.buf[..end]).into_owned();
            self.buf.drain(..end + 4);
            let mut len: Option<Result<usize, String>> = None;
            for line in headers.split("\r\n") {
                // Garbage before a header line is skipped up to `Content-Length`.
                let line = match find_ci(line.as_bytes(), b"content-length") {
                    Some(i) => &line[i..],
                    None => continue,
                };
                if let Some((_, v)) = line.split_once(':') {
                    len = Some(
                        v.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("bad Content-Length {:?}", v.trim())),
                    );
                }
            }
            match len {
                Some(Ok(n)) if n <= MAX_BODY => self.pending = Some(n),
                Some(Ok(n)) => {
                    return Some(Frame::Dropped(format!("message of {n} bytes is too large")));
                }
                Some(Err(why)) => return Some(Frame::Dropped(why)),
                None => return Some(Frame::Dropped("headers without Content-Length".into())),
            }
        }
    }
}

/// Copy frames from `input` to `output`, keeping only valid ones. Ends at end of input.
pub async fn filter(mut input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        framer.push(&chunk[..n]);
        while let Some(frame) = framer.next_frame() {
            match frame {
                Frame::Message(body) => {
                    let head = format!("Content-Length: {}\r\n\r\n", body.len());
                    if output.write_all(head.as_bytes()).await.is_err()
                        || output.write_all(&body).await.is_err()
                    {
                        return;
                    }
                }
                Frame::Dropped(why) => warn!("dropped a malformed message: {why}"),
            }
        }
        if output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.shutdown().await;
}

/// Feed bytes through the framing filter's parser; every frame it passes must be decodable.
#[doc(hidden)]
pub fn fuzz_frames(data: &[u8]) {
    let mut f = Framer::default();
    // Deliver in two pieces to exercise partial frames.
    let mid = data.len() / 2;
    for part in [&data[..mid], &data[mid..]] {
        f.push(part);
        while let Some(frame) = f.next_frame() {
            if let Frame::Message(body) = frame {
                assert!(valid_body(&body).is_ok());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut f = Framer::default();
        f.push(input);
        std::iter::from_fn(|| f.next_frame()).collect()
    }

    const OK: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    #[test]
    fn passes_valid_frames_and_drops_the_rest() {
        let mut input = Vec::new();
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n{OK}", OK.len()).as_bytes());
        input.extend_from_slice(b"Content-Length: 3\r\n\r\n[1]");
        input.extend_from_slice(b"Content-Length: twelve\r\n\r\n");
        input.extend_from_slice(b"Content-Length: 4\r\n\r\n\xff\xfe{}");
        input.extend_from_slice(
            format!(
                "content-length: {}\r\nContent-Type: x\r\n\r\n{OK}",
                OK.len()
            )
            .as_bytes(),
        );
        input.extend_from_slice(
            format!("garbageContent-Length: {}\r\n\r\n{OK}", OK.len()).as_bytes(),
        );
        let got = frames(&input);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[0], Frame::Message(OK.as_bytes().to_vec()));
        assert!(matches!(&got[1], Frame::Dropped(w) if w.contains("JSON-RPC")));
        assert!(matches!(&got[2], Frame::Dropped(w) if w.contains("Content-Length")));
        assert!(matches!(&got[3], Frame::Dropped(w) if w.contains("UTF-8")));
        assert_eq!(got[4], Frame::Message(OK.as_bytes().to_vec()));
        assert_eq!(got[5], Frame::Message(OK.as_bytes().to_vec()));
    }

    #[test]
    fn waits_for_partial_frames() {
        let mut f = Framer::default();
        let whole = format!("Content-Length: {}\r\n\r\n{OK}", OK.len());
        for b in whole.as_bytes() {
            assert!(f.next_frame().is_none());
            f.push(&[*b]);
        }
        assert_eq!(f.next_frame(), Some(Frame::Message(OK.as_bytes().to_vec())));
        assert_eq!(f.next_frame(), None);
    }

    #[test]
    fn lone_surrogates_are_dropped() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#;
        assert!(valid_body(body.as_bytes()).is_err());
    }
}
