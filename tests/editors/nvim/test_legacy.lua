-- The Neovim 0.10 code path (vim.lsp.start from a FileType autocmd), forced on 0.11.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')

local dir = H.tmpdir()
-- A buffer that is open before setup() is attached too.
local early = H.open(H.copy(H.fixture, dir, 'early.txt'))
H.setup({ legacy = true, settings = { nianbao = { severity = { ['total-mismatch'] = 'warning' } } } })
H.check(not vim.lsp.is_enabled('nianbao'),
  'the legacy path does not use vim.lsp.enable')
H.require(H.client(early) ~= nil, 'client attached to a buffer opened before setup()')
local au = vim.api.nvim_get_autocmds({ group = 'nianbao', event = 'FileType' })
H.check(#au == 2, 'FileType autocmds for markdown and text', #au)

local buf = H.open((H.draft(dir, 'draft.md', 2024)))
local c = H.client(buf)
H.require(c ~= nil, 'client attached to a markdown buffer opened after setup()')
H.check(#vim.lsp.get_clients({ name = 'nianbao' }) == 1, 'both buffers share one client')

-- Settings reach the server: total-mismatch was turned into a warning.
local W = vim.diagnostic.severity.WARN
local got
H.check(H.wait(function()
  got = H.lines_of(H.diags(early, W, 'total-mismatch'))
  return vim.deep_equal(got, { 408, 413 })
end), 'settings applied: the two totals are warnings', vim.inspect(got))
H.check(#H.diags(early, vim.diagnostic.severity.ERROR, 'total-mismatch') == 0, 'and not errors')

H.finish()
