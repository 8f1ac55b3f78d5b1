#!/usr/bin/env python3
"""Resident memory and thread count of `nianbao lsp` (issues 5 and 6).

Opens N generated 20 KB reports and one 2 MB report, waits for every publish, and prints the
server's VmRSS; then runs open/close cycles on one document and prints VmRSS and the thread
count again, to show nothing leaks. Standard library only; Linux (/proc).

    scripts/lsp_memory.py [--server 'target/release/nianbao lsp'] [--docs 100] [--cycles 10000]
"""
import argparse, json, os, shlex, subprocess, sys, threading, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default="target/release/nianbao lsp")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--cycles", type=int, default=10000)
    a = ap.parse_args()
    cmd = shlex.split(a.server)
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    published, lock = {}, threading.Lock()

    def reader():
        out = p.stdout
        while True:
            h = b""
            while not h.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                h += c
            n = int([l for l in h.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
            m = json.loads(out.read(n))
            if "id" in m and "method" not in m:
                with lock:
                    published[("response", m["id"])] = True
            if m.get("method") == "textDocument/publishDiagnostics":
                with lock:
                    published[(m["params"]["uri"], m["params"].get("version"))] = True

    threading.Thread(target=reader, daemon=True).start()

    def send(m):
        b = json.dumps(m, ensure_ascii=False).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def wait(keys, timeout=300):
        end = time.time() + timeout
        while time.time() < end:
            with lock:
                if all(k in published for k in keys):
                    return
            time.sleep(0.01)
        sys.exit("timed out waiting for diagnostics")

    def status():
        fields = {}
        for line in open(f"/proc/{p.pid}/status"):
            k, _, v = line.partition(":")
            fields[k] = v.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])

    exe = cmd[0]
    small = subprocess.run([exe, "gen", "--bytes", "20000", "--broken", "1"], capture_output=True, text=True).stdout
    big = subprocess.run([exe, "gen", "--bytes", "2000000", "--broken", "1"], capture_output=True, text=True).stdout
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}})
    # As editors do: nothing but the initialize response before `initialized` (a server may
    # drop notifications that arrive while it initialises).
    wait([("response", 1)])
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    rss0, th0 = status()
    keys = []
    for i in range(a.docs):
        uri = f"file:///tmp/nianbao-mem/r{i}.md"
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": small}}})
        keys.append((uri, 1))
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/nianbao-mem/big.md", "languageId": "markdown", "version": 1, "text": big}}})
    keys.append(("file:///tmp/nianbao-mem/big.md", 1))
    wait(keys)
    time.sleep(0.5)
    rss1, th1 = status()
    print(f"idle: {rss0:.1f} MiB, {th0} threads")
    print(f"{a.docs} x {len(small.encode()) // 1000} KB + 1 x {len(big.encode()) // 1000} KB open: {rss1:.1f} MiB resident, {th1} threads")
    uri = "file:///tmp/nianbao-mem/cycle.md"
    t0 = time.time()
    for i in range(a.cycles):
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": i + 1, "text": small}}})
        send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    send({"jsonrpc": "2.0", "id": 2, "method": "nianbao/documentHash", "params": {"textDocument": {"uri": "file:///tmp/nianbao-mem/r0.md"}}})
    time.sleep(2.0)
    rss2, th2 = status()
    print(f"after {a.cycles} open/close cycles ({time.time() - t0:.1f} s): {rss2:.1f} MiB resident, {th2} threads")
    send({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": None})
    wait([("response", 3)])
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    p.wait(timeout=10)
    print(f"exit code {p.returncode}")

if __name__ == "__main__":
    main()
