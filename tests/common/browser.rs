//! Browser-test infrastructure for `tests/browser.rs`, which alone declares this module (so
//! no other test binary compiles it): a static file server on 127.0.0.1, headless Chromium
//! launched through `headless_chrome`, and [`Session`], one tab in a fresh browser context
//! that records what the page reported (console errors, exceptions, failed requests,
//! JavaScript dialogs).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine as _;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Log, Network, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Chromium

/// Headless Chromium at `chromium`, its profile in `profile`, with a 1280 x 900 window; and a
/// ticker tab that keeps DevTools calls fast (see inside). Drop the ticker before the browser.
pub fn launch(chromium: &Path, profile: &Path) -> (Browser, Arc<Tab>) {
    let args: Vec<&OsStr> = [
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--hide-scrollbars",
        "--lang=en-US",
    ]
    .into_iter()
    .map(OsStr::new)
    .collect();
    let browser = Browser::new(LaunchOptions {
        path: Some(chromium.to_path_buf()),
        headless: true,
        sandbox: false, // root in CI
        window_size: Some((1280, 900)),
        user_data_dir: Some(profile.to_path_buf()),
        args,
        idle_browser_timeout: Duration::from_secs(60),
        ..LaunchOptions::default()
    })
    .expect("launch Chromium");
    // headless_chrome's WebSocket reader waits up to 100 ms for a message and then sleeps
    // 100 ms while holding or leaving the socket, so each DevTools call costs 100-200 ms
    // when Chromium is quiet. A tab that logs every few milliseconds keeps the reader
    // busy, and calls take a few milliseconds instead (the whole file runs 5-10x faster).
    let ticker = browser.new_tab().expect("ticker tab");
    ticker.enable_runtime().expect("ticker Runtime.enable");
    ticker
        .evaluate("setInterval(() => console.debug('tick'), 4)", false)
        .expect("ticker");
    (browser, ticker)
}

// ---------------------------------------------------------------------------------------------
// One browser tab in a fresh browser context, with what it reported.

pub struct Session {
    /// `http://127.0.0.1:PORT/`, the server's root.
    root: String,
    pub tab: Arc<Tab>,
    /// Console errors, exceptions, error log entries and failed requests, as text.
    problems: Arc<Mutex<Vec<String>>>,
    /// JavaScript dialogs, from the page's `alert`/`confirm`/`prompt` hook and from DevTools.
    dialogs: Arc<Mutex<Vec<String>>>,
}

/// Installed before any page script runs: records calls of the dialog functions instead of
/// opening a dialog (which would block the page).
const DIALOG_HOOK: &str = "
    window.__catalogDialogs = [];
    for (const name of ['alert', 'confirm', 'prompt']) {
        window[name] = function (...args) {
            window.__catalogDialogs.push(name + '(' + args.map(String).join(', ') + ') at '
                + location.pathname);
        };
    }";

impl Session {
    /// A tab in a new browser context of `browser`; [`Session::goto`] opens pages of `server`.
    pub fn open(browser: &Browser, server: &Server) -> Session {
        let tab = browser
            .new_context()
            .and_then(|c| c.new_tab())
            .expect("a tab in a new browser context");
        tab.set_default_timeout(Duration::from_secs(15));
        let problems = Arc::new(Mutex::new(Vec::new()));
        let dialogs = Arc::new(Mutex::new(Vec::new()));
        let requests = Mutex::new(HashMap::<String, String>::new());
        let (p, d) = (problems.clone(), dialogs.clone());
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let problem = match event {
                Event::RuntimeConsoleAPICalled(e)
                    if matches!(
                        e.params.Type,
                        Runtime::ConsoleAPICalledEventTypeOption::Error
                            | Runtime::ConsoleAPICalledEventTypeOption::Assert
                    ) =>
                {
                    let args: Vec<String> = e
                        .params
                        .args
                        .iter()
                        .map(|a| match &a.value {
                            Some(Value::String(s)) => s.clone(),
                            Some(v) => v.to_string(),
                            None => a.description.clone().unwrap_or_default(),
                        })
                        .collect();
                    Some(format!("console.error: {}", args.join(" ")))
                }
                Event::RuntimeExceptionThrown(e) => {
                    let d = &e.params.exception_details;
                    let what = d
                        .exception
                        .as_ref()
                        .and_then(|x| x.description.clone())
                        .unwrap_or_else(|| d.text.clone());
                    Some(format!(
                        "exception: {what} at {}:{}",
                        d.url.clone().unwrap_or_default(),
                        d.line_number
                    ))
                }
                // A page without an icon link (toc.html) makes Chromium guess `/favicon.ico`.
                Event::LogEntryAdded(e)
                    if e.params.entry.url.as_deref().is_some_and(browser_guess) =>
                {
                    None
                }
                Event::NetworkResponseReceived(e) if browser_guess(&e.params.response.url) => None,
                Event::LogEntryAdded(e) if e.params.entry.level == Log::LogEntryLevel::Error => {
                    let entry = &e.params.entry;
                    Some(format!(
                        "log error: {} ({})",
                        entry.text,
                        entry.url.clone().unwrap_or_default()
                    ))
                }
                Event::NetworkRequestWillBeSent(e) => {
                    requests
                        .lock()
                        .unwrap()
                        .insert(e.params.request_id.clone(), e.params.request.url.clone());
                    None
                }
                Event::NetworkResponseReceived(e) if e.params.response.status >= 400 => {
                    Some(format!(
                        "HTTP {} for {}",
                        e.params.response.status, e.params.response.url
                    ))
                }
                Event::NetworkLoadingFailed(e) if e.params.canceled != Some(true) => {
                    let url = requests.lock().unwrap().get(&e.params.request_id).cloned();
                    Some(format!(
                        "request failed: {} ({})",
                        e.params.error_text,
                        url.unwrap_or_default()
                    ))
                }
                Event::PageJavascriptDialogOpening(e) => {
                    d.lock().unwrap().push(format!(
                        "{:?} dialog `{}` on {}",
                        e.params.Type, e.params.message, e.params.url
                    ));
                    None
                }
                _ => None,
            };
            if let Some(problem) = problem {
                p.lock().unwrap().push(problem);
            }
        }))
        .expect("event listener");
        tab.enable_runtime().expect("Runtime.enable");
        tab.enable_log().expect("Log.enable");
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("Network.enable");
        tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
            source: DIALOG_HOOK.to_string(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .expect("dialog hook");
        Session {
            root: format!("http://{}/", server.addr),
            tab,
            problems,
            dialogs,
        }
    }

    /// Navigates to `path` under the server's root and waits for the load to complete.
    pub fn goto(&self, path: &str) {
        self.harvest_dialogs();
        let url = format!("{}{path}", self.root);
        // A mark on the page being left tells it from the new one (even for the same URL).
        let _ = self.tab.evaluate("window.__catalogLeft = true", false);
        self.tab
            .navigate_to(&url)
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
        self.wait_until(
            &format!(
                "!window.__catalogLeft && location.href === {url:?} \
                 && document.readyState === 'complete'"
            ),
            &format!("{url} loaded"),
        );
    }

    /// Runs `body` as the body of an async function in the page and returns its result
    /// (through JSON).
    pub fn eval(&self, body: &str) -> Value {
        let expression = format!("(async () => {{ {body} }})().then(v => JSON.stringify(v))");
        let result = self
            .tab
            .evaluate(&expression, true)
            .unwrap_or_else(|e| panic!("evaluate: {e}\n{body}"));
        match &result.value {
            Some(Value::String(json)) => serde_json::from_str(json).unwrap(),
            _ => panic!(
                "evaluate: {}\n{body}",
                result
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("{result:?}"))
            ),
        }
    }

    /// Polls the page until `condition` (a JavaScript expression) holds.
    pub fn wait_until(&self, condition: &str, what: &str) {
        let start = Instant::now();
        let expression = format!("!!({condition})");
        loop {
            // Errors (a page being replaced mid-navigation) count as "not yet".
            if let Ok(result) = self.tab.evaluate(&expression, false)
                && result.value == Some(Value::Bool(true))
            {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for: {what} (at {})",
                self.tab.get_url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap().clone()
    }

    pub fn wait_for_problem(&self, text: &str) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if self.problems().iter().any(|p| p.contains(text)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn assert_no_problems(&self, what: &str) {
        let problems = self.problems();
        assert!(
            problems.is_empty(),
            "{what}: the browser reported:\n{}",
            problems.join("\n")
        );
    }

    /// Dialogs opened or attempted in any page this session loaded so far (the hook's record
    /// lives in the current page, so it is read before each navigation too).
    pub fn dialogs(&self) -> Vec<String> {
        self.harvest_dialogs();
        self.dialogs.lock().unwrap().clone()
    }

    /// Moves the current page's record of hooked dialog calls into `dialogs`.
    fn harvest_dialogs(&self) {
        let Ok(result) = self.tab.evaluate(
            "JSON.stringify(location.protocol === 'http:' \
                 ? (window.__catalogDialogs ? window.__catalogDialogs.splice(0) : ['hook missing']) \
                 : [])",
            false,
        ) else {
            return;
        };
        if let Some(Value::String(json)) = result.value {
            let calls: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            self.dialogs.lock().unwrap().extend(calls);
        }
    }

    /// A PNG of the whole page, beyond the viewport.
    pub fn full_page_png(&self) -> Vec<u8> {
        let size = self.eval(
            "const e = document.documentElement;
             return [0, 0, Math.max(e.scrollWidth, document.body.scrollWidth),
                     Math.max(e.scrollHeight, document.body.scrollHeight)];",
        );
        self.png_of(&size)
    }

    /// A PNG of the first element that matches `selector`, with a margin.
    pub fn element_png(&self, selector: &str) -> Vec<u8> {
        let rect = self.eval(&format!(
            "const r = document.querySelector({selector:?}).getBoundingClientRect();
             return [r.left + scrollX - 8, r.top + scrollY - 8, r.width + 16, r.height + 16];"
        ));
        self.png_of(&rect)
    }

    /// A PNG of the page area `[x, y, width, height]` (CSS pixels, document coordinates).
    fn png_of(&self, rect: &Value) -> Vec<u8> {
        let n = |i: usize| rect[i].as_f64().expect("a number");
        let (x, y, w, h) = (n(0).max(0.0), n(1).max(0.0), n(2), n(3));
        let data = self
            .tab
            .call_method(Page::CaptureScreenshot {
                format: Some(Page::CaptureScreenshotFormatOption::Png),
                quality: None,
                clip: Some(Page::Viewport {
                    x,
                    y,
                    width: w,
                    height: h,
                    scale: 1.0,
                }),
                from_surface: Some(true),
                capture_beyond_viewport: Some(true),
                optimize_for_speed: None,
            })
            .expect("Page.captureScreenshot")
            .data;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("a screenshot in base64")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.tab.close(false);
    }
}

/// Whether a URL is one Chromium asks for on its own, not one a page names.
fn browser_guess(url: &str) -> bool {
    url.ends_with("/favicon.ico")
}

// ---------------------------------------------------------------------------------------------
// A static file server on 127.0.0.1 (GET and HEAD; one thread per connection).

pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves the files under `root` on a free port of 127.0.0.1 until dropped.
    pub fn start(root: PathBuf) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(conn) = conn {
                    let root = root.clone();
                    std::thread::spawn(move || serve(conn, &root));
                }
            }
        });
        Server {
            addr,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wakes the accept loop
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers the requests of one connection (keep-alive), each with a file under `root`.
fn serve(conn: TcpStream, root: &Path) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        // The headers are not needed (no request has a body).
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) if line.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
        let mut words = request.split_whitespace();
        let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let file = resolve(root, path);
        let (status, body, kind) = match (method, file) {
            ("GET" | "HEAD", Some(file)) => match std::fs::read(&file) {
                Ok(body) => ("200 OK", body, content_type(&file)),
                Err(_) => ("404 Not Found", b"not found\n".to_vec(), "text/plain"),
            },
            ("GET" | "HEAD", None) => ("404 Not Found", b"not found\n".to_vec(), "text/plain"),
            _ => ("405 Method Not Allowed", Vec::new(), "text/plain"),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\n\r\n",
            body.len()
        );
        let sent = writer.write_all(head.as_bytes()).and_then(|()| {
            if method == "HEAD" {
                Ok(())
            } else {
                writer.write_all(&body)
            }
        });
        if sent.and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

/// The file a URL path names under `root` (`dir/` serves `dir/index.html`); `None` for a
/// missing file or a path that climbs out.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path.trim_start_matches('/'))?;
    let mut file = root.to_path_buf();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part => file.push(part),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(OsStr::to_str).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
