-- The native 0.11 config (editors/nvim/lsp/nianbao.lua found on 'runtimepath') attaches to a
-- .txt report (filetype=text) and publishes seed 004's two total-mismatch errors.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')

local rtp_cfg = vim.lsp.config.nianbao
H.require(rtp_cfg ~= nil and vim.deep_equal(rtp_cfg.filetypes, { 'markdown', 'text' }),
  'lsp/nianbao.lua is found on runtimepath', vim.inspect(rtp_cfg))
H.check(rtp_cfg.cmd[1] == 'nianbao' and rtp_cfg.cmd[2] == 'lsp', "default cmd is { 'nianbao', 'lsp' }")
H.check(rtp_cfg.settings and rtp_cfg.settings.nianbao.enable == 'auto', "settings nianbao.enable = 'auto'")

vim.lsp.config('nianbao', { cmd = { H.bin, 'lsp' } })
vim.lsp.enable('nianbao')

local dir = H.tmpdir()
local buf = H.open(H.copy(H.fixture, dir, 'report.txt'))
H.check(vim.bo[buf].filetype == 'text', 'the .txt copy of seed 004 has filetype=text', vim.bo[buf].filetype)
local client = H.client(buf)
H.require(client ~= nil, 'client attached to the text buffer')
H.check(client.server_capabilities.textDocumentSync.change == 2, 'server asks for incremental sync')

local want = { 408, 413 }
local got
local ok = H.wait(function()
  got = H.lines_of(H.diags(buf, vim.diagnostic.severity.ERROR, 'total-mismatch'))
  return vim.deep_equal(got, want)
end)
H.check(ok, 'total-mismatch errors at lines 408 and 413 (0-based)', vim.inspect(got))
local d408 = H.diags(buf, vim.diagnostic.severity.ERROR, 'total-mismatch')[1]
H.check(d408 and d408.source == 'nianbao' and d408.message:find('总计', 1, true) ~= nil,
  'message names the total and source is nianbao', d408 and d408.message)
-- Every ERROR is one the CLI reports too (total-mismatch ×2, signature-date).
H.check(#H.diags(buf, vim.diagnostic.severity.ERROR) == 3, 'three errors in all',
  vim.inspect(vim.tbl_map(function(d) return { d.lnum, d.code } end, vim.diagnostic.get(buf))))

H.finish()
