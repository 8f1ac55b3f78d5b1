-- Typing into a table cell in insert mode sends incremental didChange; a total error appears,
-- and goes again after undo.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()

local dir = H.tmpdir()
local buf = H.open((H.draft(dir, 'draft.md', 2024)))
local client = H.client(buf)
H.require(client ~= nil, 'client attached to the draft')

-- Record what the client sends.
local changes = {}
local notify = client.notify
client.notify = function(self, method, params)
  if method == 'textDocument/didChange' then
    vim.list_extend(changes, params.contentChanges)
  end
  return notify(self, method, params)
end

local E = vim.diagnostic.severity.ERROR
-- Let the first analysis land, so "no errors" below is not just "not analysed yet".
H.require(H.wait(function() return (H.published[vim.uri_from_bufnr(buf)] or 0) > 0 end), 'diagnostics published for the draft')
H.check(#H.diags(buf, E) == 0, 'the fresh draft has no errors', #H.diags(buf, E))

local lnum
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
  if vim.startswith(l, '| 一、本年新收') then
    lnum = i
  end
end
H.require(lnum ~= nil, 'found the row 一、本年新收')
-- The cursor on the first number cell (自然人), then insert mode: type 12 before the 0.
local line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, true)[1]
local col = line:find('| 0 |', 1, true) + 1
vim.api.nvim_win_set_cursor(0, { lnum, col })
H.type('i1')
H.type('a2<Esc>') -- two separate insert-mode sessions: two keystroke edits
line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, true)[1]
H.require(line:find('| 120 |', 1, true) ~= nil, 'the cell now reads 120', line)

local errs
local appeared = H.wait(function()
  errs = H.diags(buf, E, 'total-mismatch')
  return vim.tbl_contains(H.lines_of(errs), lnum - 1)
end)
H.check(appeared, 'a total-mismatch error appears on the edited row',
  vim.inspect(vim.tbl_map(function(d) return { d.lnum, d.message } end, errs or {})))
H.check(#changes > 0, 'didChange was sent', #changes)
local ranged = #changes > 0 and vim.iter(changes):all(function(c) return c.range ~= nil end)
H.check(ranged, 'every content change is incremental (has a range)', vim.inspect(changes[1]))
H.check(#changes > 0 and vim.iter(changes):all(function(c) return #c.text <= 2 end),
  'the changes carry only the typed characters', vim.inspect(changes))
local ok, detail = H.in_sync(buf)
H.check(ok, 'the server copy matches the buffer after typing', detail)

-- Undo both insertions.
H.type('uu')
line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, true)[1]
H.check(line:find('| 120 |', 1, true) == nil, 'undo restores the cell', line)
local gone = H.wait(function() return #H.diags(buf, E) == 0 end)
H.check(gone, 'the errors are gone after undo', #H.diags(buf, E))
ok, detail = H.in_sync(buf)
H.check(ok, 'the server copy matches the buffer after undo', detail)

H.finish()
