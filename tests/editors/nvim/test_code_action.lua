-- A quick fix corrects a total in seed 004; the error goes when the server republishes.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()

local dir = H.tmpdir()
local buf = H.open(H.copy(H.fixture, dir, 'report.txt'))
local client = H.client(buf)
H.require(client ~= nil, 'client attached')
local E = vim.diagnostic.severity.ERROR
H.require(H.wait(function() return #H.diags(buf, E, 'total-mismatch') == 2 end), 'two total-mismatch errors')

local d = H.diags(buf, E, 'total-mismatch')[1]
H.check(d.lnum == 408, 'first error at line 408', d.lnum)
local lsp_diag = d.user_data and d.user_data.lsp
H.require(lsp_diag ~= nil, 'diagnostic keeps its LSP form (user_data.lsp)')

local actions, err = H.request(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = lsp_diag.range,
  context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
})
local titles = vim.tbl_map(function(a) return a.title end, actions or {})
local fix
for _, a in ipairs(actions or {}) do
  if a.isPreferred and a.kind == 'quickfix' then
    fix = a
  end
end
H.require(fix ~= nil, 'a preferred quick fix is offered', err and vim.inspect(err) or table.concat(titles, ' | '))
H.check(fix.title:find('5', 1, true) ~= nil, 'the fix sets the total to 5: ' .. fix.title)
H.check(vim.tbl_contains(titles, '在此行禁用 total-mismatch'), 'a suppress-on-this-line action is offered too')

local before = vim.api.nvim_buf_get_lines(buf, 408, 409, true)[1]
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
local after = vim.api.nvim_buf_get_lines(buf, 408, 409, true)[1]
H.check(before:find('4') and after == before:gsub('4', '5'), 'line 408 now has 5 instead of 4',
  vim.inspect({ before, after }))

local got
local ok = H.wait(function()
  got = H.lines_of(H.diags(buf, E, 'total-mismatch'))
  return vim.deep_equal(got, { 413 })
end)
H.check(ok, 'after the republish only the error at 413 is left', vim.inspect(got))
local synced, detail = H.in_sync(buf)
H.check(synced, 'the server copy matches the buffer', detail)

H.finish()
