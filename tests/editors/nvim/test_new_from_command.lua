-- :NianbaoNewFrom {file} [year] runs `nianbao new --from FILE [--year N]` and opens this year's
-- draft in a new markdown buffer (nianbao-YEAR.md, not written); its 上年结转 row carries last
-- year's 结转下年度继续办理 (read independently with `nianbao tables`).
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()
local dir = H.tmpdir()
vim.cmd.cd(dir)

H.require(vim.fn.exists(':NianbaoNewFrom') == 2, ':NianbaoNewFrom is defined by plugin/nianbao.lua')

local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, { msg = msg, level = level })
end

local function files_in(d)
  local names = {}
  for name in vim.fs.dir(d, { depth = 5 }) do
    table.insert(names, name)
  end
  table.sort(names)
  return names
end

-- Last year's report: seed 004 (济南市卫生健康委员会, 2020), 结转下年度继续办理 自然人 2, 总计 2.
local last = H.copy(H.fixture, dir, '2020年报 济南.txt')
local r = vim.system({ H.bin, 'tables', '--format', 'json', last }, { text = true }):wait(10000)
H.require(r.code == 0, 'nianbao tables reads last year’s report', r.stderr)
local carried
for _, t in ipairs(vim.json.decode(r.stdout).tables) do
  for _, row in ipairs(t.rows) do
    if row.row == 'carried_out' then
      carried = {}
      for _, col in ipairs({ 'np', 'biz', 'sci', 'npo', 'law', 'oth', 'tot' }) do
        local c = row.cells[col]
        table.insert(carried, tostring(type(c) == 'table' and c.value or c))
      end
    end
  end
end
H.require(carried ~= nil and carried[7] == '2', 'last year carried 2 applications over', vim.inspect(carried))

--- The cells of the pipe row whose first cell is `label`.
local function row_cells(buf, label)
  for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    local cells = vim.split(l:gsub('^%s*|', ''):gsub('|%s*$', ''), '|', { plain = true })
    cells = vim.tbl_map(vim.trim, cells)
    if cells[1] == label then
      return vim.list_slice(cells, 2)
    end
  end
end

local function new_buffer_after(cmd)
  local cur = vim.api.nvim_get_current_buf()
  notes = {}
  vim.cmd(cmd)
  H.wait(function()
    return vim.api.nvim_get_current_buf() ~= cur or #notes > 0
  end)
  local b = vim.api.nvim_get_current_buf()
  return b ~= cur and b or nil
end

-- 1. Year left out: the year after last year's report.
local before = files_in(dir)
local buf = new_buffer_after('NianbaoNewFrom ' .. vim.fn.fnameescape(last))
H.require(buf ~= nil, ':NianbaoNewFrom FILE opens a new buffer', vim.inspect(notes))
local first = vim.api.nvim_buf_get_lines(buf, 0, 1, true)[1]
H.check(first:match('^# .*2021年政府信息公开工作年度报告$') ~= nil, 'the title is the 2021 report', first)
local x1 = row_cells(buf, '二、上年结转政府信息公开申请数量')
H.check(vim.deep_equal(x1, carried), '二、上年结转 = last year’s 四、结转下年度继续办理',
  vim.inspect(x1) .. ' vs ' .. vim.inspect(carried))
H.check(vim.bo[buf].filetype == 'markdown' and vim.bo[buf].buftype == '', "filetype=markdown, buftype=''")
local name = vim.api.nvim_buf_get_name(buf)
H.check(name == dir .. '/nianbao-2021.md', 'named nianbao-2021.md in the current directory', name)
H.check(vim.fn.filereadable(name) == 0 and vim.deep_equal(files_in(dir), before), 'nothing was written',
  vim.inspect(files_in(dir)))
H.check(H.client(buf) ~= nil, 'the server attaches to the draft')
local warn = notes[1] or {}
H.check(#notes == 1 and warn.level == vim.log.levels.WARN and (warn.msg or ''):find('上年结转', 1, true) ~= nil,
  'the CLI’s reminders follow as one warning', vim.inspect(notes))

-- 2. With a year: --year is passed, the buffer is named after it.
local buf2 = new_buffer_after('NianbaoNewFrom ' .. vim.fn.fnameescape(last) .. ' 2022')
H.require(buf2 ~= nil, ':NianbaoNewFrom FILE 2022 opens a new buffer', vim.inspect(notes))
first = vim.api.nvim_buf_get_lines(buf2, 0, 1, true)[1]
H.check(first:match('2022年政府信息公开工作年度报告$') ~= nil, 'the title is the 2022 report', first)
H.check(vim.api.nvim_buf_get_name(buf2) == dir .. '/nianbao-2022.md', 'named nianbao-2022.md',
  vim.api.nvim_buf_get_name(buf2))

-- 3. Last year's report as a Word document (once the binary reads .docx): the same draft.
if H.reads_docx() then
  local docx = H.copy(H.fixture_docx, dir, '2020年报.docx')
  local b = new_buffer_after('NianbaoNewFrom ' .. vim.fn.fnameescape(docx))
  H.require(b ~= nil, ':NianbaoNewFrom FILE.docx opens a new buffer', vim.inspect(notes))
  first = vim.api.nvim_buf_get_lines(b, 0, 1, true)[1]
  H.check(first:match('^# .*2021年政府信息公开工作年度报告$') ~= nil, 'from the .docx: the 2021 report', first)
  H.check(vim.deep_equal(row_cells(b, '二、上年结转政府信息公开申请数量'), carried), 'from the .docx: the same 上年结转 row',
    vim.inspect(row_cells(b, '二、上年结转政府信息公开申请数量')))
else
  H.skip(':NianbaoNewFrom on a .docx', 'this nianbao does not read .docx yet')
end

-- 4. Not a report / not readable: the CLI's message, no buffer.
local bad = H.copy(H.corrupt_docx, dir, '随机字节.docx')
local bufs = #vim.api.nvim_list_bufs()
local b3 = new_buffer_after('NianbaoNewFrom ' .. vim.fn.fnameescape(bad))
local n = notes[1] or {}
H.check(b3 == nil and #vim.api.nvim_list_bufs() == bufs, 'a broken .docx opens no buffer')
local prefix = 'nianbao: ' .. bad .. ': '
H.check(n.level == vim.log.levels.ERROR and (n.msg or ''):sub(1, #prefix) == prefix
  and vim.fn.match((n.msg or ''):sub(#prefix + 1), '[\\u4e00-\\u9fff]') >= 0,
  "an error with the CLI's reason in Chinese", vim.inspect(notes))

local notreport = dir .. '/购物清单.md'
vim.fn.writefile({ '# 购物清单', '', '- 苹果', '- 牛奶' }, notreport)
local b4 = new_buffer_after('NianbaoNewFrom ' .. vim.fn.fnameescape(notreport))
n = notes[1] or {}
H.check(b4 == nil and #vim.api.nvim_list_bufs() == bufs, 'a text that is not a report opens no buffer')
H.check(n.level == vim.log.levels.ERROR and (n.msg or ''):find('购物清单.md', 1, true) ~= nil,
  'an error naming the file', vim.inspect(notes))

H.finish()
