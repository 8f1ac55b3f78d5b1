-- Shared helpers for the headless Neovim tests (run by scripts/editors-nvim.sh).
-- Each test is `nvim --headless --clean --cmd 'set rtp^=editors/nvim' -l tests/editors/nvim/test_X.lua`
-- with NIANBAO_BIN pointing at the server binary. Every check prints one PASS/FAIL line.
local H = {}

local src = debug.getinfo(1, 'S').source:sub(2)
H.dir = vim.fn.fnamemodify(src, ':p:h')
H.root = vim.fn.fnamemodify(H.dir .. '/../../..', ':p'):gsub('/$', '')
H.bin = os.getenv('NIANBAO_BIN') or 'nianbao'
if H.bin:find('/') then
  H.bin = vim.fn.fnamemodify(H.bin, ':p') -- tests change directory
end
H.test = vim.fn.fnamemodify(_G.arg and _G.arg[0] or 'test', ':t:r'):gsub('^test_', '')
H.timeout = tonumber(os.getenv('NIANBAO_NVIM_TIMEOUT') or '') or 10000

local passed, failed = 0, 0

-- Counts publishDiagnostics per URI, so a test can wait for "analysed, and clean".
H.published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, ...)
  if result and result.uri then
    H.published[result.uri] = (H.published[result.uri] or 0) + 1
  end
  return publish(err, result, ctx, ...)
end
vim.o.showmode = false -- no '-- INSERT --' on stderr
local t0 = vim.uv.hrtime()

local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

--- Records one check: `PASS test: what` or `FAIL test: what — detail`.
function H.check(cond, what, detail)
  if cond then
    passed = passed + 1
    out(('PASS %s: %s'):format(H.test, what))
  else
    failed = failed + 1
    out(('FAIL %s: %s%s'):format(H.test, what, detail and (' — ' .. tostring(detail)) or ''))
  end
  return cond
end

function H.wait(pred, ms)
  return vim.wait(ms or H.timeout, pred, 20) == true
end

--- Ends the test: stops the clients (shutdown + exit), prints the log on failure, exits.
function H.finish()
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop()
  end
  vim.wait(3000, function()
    return #vim.lsp.get_clients() == 0
  end, 20)
  if failed > 0 then
    local log = vim.fn.stdpath('state') .. '/lsp.log'
    if vim.fn.filereadable(log) == 1 then
      local lines = vim.fn.readfile(log)
      out(('--- last lines of %s'):format(log))
      for i = math.max(1, #lines - 15), #lines do
        out(lines[i]:sub(1, 400))
      end
    end
  end
  out(('%s: %d passed, %d failed (%.2f s)'):format(H.test, passed, failed, (vim.uv.hrtime() - t0) / 1e9))
  os.exit(failed == 0 and 0 or 1)
end

--- Stops the test right away when `cond` is false (later checks would only time out).
function H.require(cond, what, detail)
  if not H.check(cond, what, detail) then
    H.finish()
  end
  return cond
end

function H.tmpdir()
  local d = vim.fn.tempname()
  vim.fn.mkdir(d, 'p')
  return d
end

H.fixture = H.root .. '/tests/fixtures/004_58318878f8bfac1e.txt'
-- seed 004 as a Word document, and 4,096 random bytes named .docx (tests/fixtures/inputs/README.md)
H.fixture_docx = H.root .. '/tests/fixtures/inputs/004_58318878f8bfac1e.docx'
H.corrupt_docx = H.root .. '/tests/fixtures/inputs/bad/corrupt.docx'

--- Whether the binary under test reads Word files yet (`convert` of seed 004's .docx succeeds).
function H.reads_docx()
  if vim.fn.filereadable(H.fixture_docx) == 0 then
    return false
  end
  return vim.system({ H.bin, 'convert', H.fixture_docx }, { text = true }):wait(20000).code == 0
end

--- Prints `SKIP test: what — why` (not counted as passed or failed).
function H.skip(what, why)
  io.stdout:write(('SKIP %s: %s — %s\n'):format(H.test, what, why))
  io.stdout:flush()
end

--- Copies `src` to DIR/name (binary-safe) and returns the new path.
function H.copy(srcpath, dir, name)
  local dst = dir .. '/' .. name
  local ok, err = vim.uv.fs_copyfile(srcpath, dst)
  assert(ok, err)
  return dst
end

--- `nianbao new --year YEAR` written to DIR/name; returns the path and the lines.
function H.draft(dir, name, year)
  local r = vim.system({ H.bin, 'new', '--year', tostring(year or 2024) }, { text = true }):wait(10000)
  assert(r.code == 0, 'nianbao new failed: ' .. tostring(r.stderr))
  local path = dir .. '/' .. name
  local f = assert(io.open(path, 'wb'))
  f:write(r.stdout)
  f:close()
  return path, vim.split(r.stdout, '\n', { plain = true })
end

--- require('nianbao').setup() with the binary under test.
function H.setup(extra)
  local nianbao = require('nianbao')
  nianbao.setup(vim.tbl_deep_extend('force', { path = H.bin }, extra or {}))
  return nianbao
end

function H.open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

--- The nianbao client attached to `buf` (waits for it to be initialised).
function H.client(buf)
  local c
  H.wait(function()
    c = vim.lsp.get_clients({ bufnr = buf, name = 'nianbao' })[1]
    return c ~= nil and c.initialized == true
  end)
  return c
end

--- Diagnostics of `buf` with the given severity and rule code.
function H.diags(buf, severity, code)
  return vim.tbl_filter(function(d)
    return (not code or d.code == code)
  end, vim.diagnostic.get(buf, { severity = severity }))
end

function H.lines_of(ds)
  local l = vim.tbl_map(function(d)
    return d.lnum
  end, ds)
  table.sort(l)
  return l
end

--- One synchronous request to the nianbao client of `buf`; returns result, err.
function H.request(buf, method, params, ms)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, ms or H.timeout)
  if not res then
    return nil, err or 'timeout'
  end
  for _, r in pairs(res) do
    return r.result, r.err or r.error
  end
  return nil, 'no client answered'
end

function H.pos_params(buf, line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
end

--- UTF-16 column of byte column `col` on `line` (0-based) of `buf`.
function H.utf16(buf, line, col)
  local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, true)[1]
  return vim.str_utfindex(text, 'utf-16', col)
end

--- The buffer text as the LSP client sends it (lines joined per 'fileformat', final newline if 'eol').
function H.buf_text(buf)
  local nl = ({ dos = '\r\n', mac = '\r' })[vim.bo[buf].fileformat] or '\n'
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), nl)
  if vim.bo[buf].eol then
    text = text .. nl
  end
  return text
end

--- 64-bit FNV-1a as 16 hex digits, matching the server's nianbao/documentHash.
function H.fnv1a(s)
  local ffi = require('ffi')
  local bit = require('bit')
  local h = ffi.new('uint64_t', 0xcbf29ce4ULL * 0x100000000ULL + 0x84222325ULL)
  local prime = ffi.new('uint64_t', 0x100000001b3ULL)
  for i = 1, #s do
    h = bit.bxor(h, s:byte(i)) * prime
  end
  return bit.tohex(h, 16)
end

--- Asks the server for its copy of the document and compares it with the buffer.
function H.in_sync(buf)
  local r, err = H.request(buf, 'nianbao/documentHash', { textDocument = { uri = vim.uri_from_bufnr(buf) } })
  if not r then
    return false, 'documentHash: ' .. vim.inspect(err)
  end
  local text = H.buf_text(buf)
  local ok = r.hash == H.fnv1a(text) and r.length == #text and r.blocksMatchFullParse == true
  return ok, ('server %s/%d bytes (blocks ok: %s), buffer %s/%d bytes'):format(
    r.hash, r.length, tostring(r.blocksMatchFullParse), H.fnv1a(text), #text)
end

--- Types `keys` (with <Esc> etc.) as if from the keyboard and runs them to completion.
function H.type(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'tx', false)
end

return H
