-- Hover on a clause reference typed into a markdown buffer shows the article text.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()

local dir = H.tmpdir()
local buf = H.open(dir .. '/notes.md')
H.check(vim.bo[buf].filetype == 'markdown', 'a new .md buffer has filetype=markdown', vim.bo[buf].filetype)
H.require(H.client(buf) ~= nil, 'client attached to the markdown buffer')

-- Typed in insert mode, as a person would.
H.type('i依据《条例》第二十条第（五）项公开。<CR>另见《条例》第十六条。<Esc>')
local line = vim.api.nvim_buf_get_lines(buf, 0, 1, true)[1]
H.require(line == '依据《条例》第二十条第（五）项公开。', 'text typed into the buffer', line)

local function hover_at(lnum, needle)
  local col = assert(vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, true)[1]:find(needle, 1, true))
  local r, err = H.request(buf, 'textDocument/hover', H.pos_params(buf, lnum, H.utf16(buf, lnum, col + 2)))
  local v = r and r.contents and (r.contents.value or r.contents) or ''
  return type(v) == 'string' and v or vim.inspect(v), r, err
end

local text, r, err = hover_at(0, '第二十条第（五）项')
H.check(text:find('行政许可', 1, true) ~= nil, 'hover on 第二十条第（五）项 shows 行政许可', err or text)
H.check(text:find('第二十条', 1, true) ~= nil, 'hover names 第二十条', text:sub(1, 200))
H.check(r and r.range and r.range.start.line == 0, 'hover range is on the reference', r and vim.inspect(r.range))
text = hover_at(1, '第十六条')
H.check(text:find('第十六条', 1, true) ~= nil and text:find('内部事务', 1, true) ~= nil,
  'hover on 第十六条 (second line) shows its text', text:sub(1, 300))

H.finish()
