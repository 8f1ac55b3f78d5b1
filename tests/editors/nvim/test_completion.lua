-- In a `nianbao new --year 2024` draft with one row of the application table deleted,
-- completion at a new row inside the table offers the missing row; accepting it restores it.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()

local dir = H.tmpdir()
local path, original = H.draft(dir, 'draft.md', 2024)
local buf = H.open(path)
H.require(H.client(buf) ~= nil, 'client attached to the draft')

local function find(prefix)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    if vim.startswith(l, prefix) then
      return i - 1, l
    end
  end
end
local row, deleted = find('| （一）予以公开')
H.require(row ~= nil, 'the draft has the row （一）予以公开')
vim.api.nvim_buf_set_lines(buf, row, row + 1, true, {}) -- delete it

-- Open a new line under 三、本年度办理结果 and start a row: `| `.
vim.api.nvim_win_set_cursor(0, { row, 0 }) -- 1-based: the line above the deleted one
H.type('o| <Esc>')
local cur = vim.api.nvim_win_get_cursor(0)
local lnum = cur[1] - 1
local text = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, true)[1]
H.require(text == '| ', 'typed a new table row start', vim.inspect(text))

local r, err = H.request(buf, 'textDocument/completion', H.pos_params(buf, lnum, H.utf16(buf, lnum, #text)))
local items = r and (r.items or r) or {}
local labels = vim.tbl_map(function(i) return i.label end, items)
local item
for _, i in ipairs(items) do
  if i.label == '（一）予以公开' then
    item = i
  end
end
H.require(item ~= nil, 'completion offers the missing row （一）予以公开',
  err and vim.inspect(err) or table.concat(labels, ', '))
H.check(labels[1] == '（一）予以公开', 'the missing data row comes first', table.concat(labels, ', '))

-- Accept it the way a completion plugin does: apply the item's textEdit.
local client = H.client(buf)
vim.lsp.util.apply_text_edits({ item.textEdit }, buf, client.offset_encoding)
local restored = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, true)[1]
H.check(restored == deleted, 'accepting the item restores the deleted row', restored)
local all = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
H.check(vim.deep_equal(all, vim.list_slice(original, 1, #all)) and #all == #original - 1,
  'the buffer equals the original draft again')
local ok, detail = H.in_sync(buf)
H.check(ok, 'the server copy matches the buffer', detail)

H.finish()
