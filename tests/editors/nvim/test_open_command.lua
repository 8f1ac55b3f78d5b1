-- :NianbaoOpen {file} runs `nianbao convert FILE` and opens the Markdown in a new buffer that no
-- file backs yet; the server checks it; a file nianbao cannot read gives the CLI's message.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()
local dir = H.tmpdir()
vim.cmd.cd(dir)

H.require(vim.fn.exists(':NianbaoOpen') == 2, ':NianbaoOpen is defined by plugin/nianbao.lua')
H.check(require('nianbao').bin() == H.bin, 'it runs the binary that runs the server', require('nianbao').bin())

-- Notifications are recorded.
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

-- File-name completion.
local src = H.copy(H.fixture, dir, '济南2020年报.txt')
local comp = vim.fn.getcompletion('NianbaoOpen 济南', 'cmdline')
H.check(vim.deep_equal(comp, { '济南2020年报.txt' }), 'the argument completes file names', vim.inspect(comp))

-- 1. A report already in text: its decoded text, in a new unnamed-on-disk markdown buffer.
local before = files_in(dir)
local start_buf = vim.api.nvim_get_current_buf()
vim.cmd('NianbaoOpen 济南2020年报.txt')
local opened = H.wait(function()
  return vim.api.nvim_get_current_buf() ~= start_buf or #notes > 0
end) and vim.api.nvim_get_current_buf() ~= start_buf
H.require(opened, ':NianbaoOpen opens a new buffer', vim.inspect(notes))
local buf = vim.api.nvim_get_current_buf()
local want = vim.fn.readfile(src)
local got = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
H.check(vim.deep_equal(got, want), 'the buffer holds the text of the report',
  ('%d lines, first %q'):format(#got, got[1] or ''))
H.check(vim.bo[buf].filetype == 'markdown', 'filetype=markdown', vim.bo[buf].filetype)
H.check(vim.bo[buf].buftype == '', "buftype='' (an ordinary buffer, :w saves it)", vim.bo[buf].buftype)
H.check(vim.bo[buf].modified, 'it is modified: not saved anywhere yet')
local name = vim.api.nvim_buf_get_name(buf)
H.check(name == dir .. '/济南2020年报.md', 'named after the source, .md, in the current directory', name)
H.check(vim.fn.filereadable(name) == 0, 'no file by that name was written')
H.check(vim.deep_equal(files_in(dir), before), 'nothing was written to the folder', vim.inspect(files_in(dir)))
H.check(#notes == 0, 'no message', vim.inspect(notes))

-- The server checks the converted buffer: seed 004's two total-mismatch errors.
H.require(H.client(buf) ~= nil, 'the server attaches to the new buffer')
local lines
local ok = H.wait(function()
  lines = H.lines_of(H.diags(buf, vim.diagnostic.severity.ERROR, 'total-mismatch'))
  return vim.deep_equal(lines, { 408, 413 })
end)
H.check(ok, "its diagnostics reach the buffer (total-mismatch at 408 and 413)", vim.inspect(lines))

-- 2. The same file again: a second buffer with a new name, the first one untouched.
vim.cmd('NianbaoOpen ' .. vim.fn.fnameescape(src))
H.wait(function()
  return vim.api.nvim_get_current_buf() ~= buf
end)
local buf2 = vim.api.nvim_get_current_buf()
H.check(buf2 ~= buf and vim.api.nvim_buf_get_name(buf2) == dir .. '/济南2020年报-1.md', 'a second conversion gets STEM-1.md',
  vim.api.nvim_buf_get_name(buf2))
H.check(#vim.api.nvim_buf_get_lines(buf2, 0, -1, true) == #want, 'with the same text')

-- `:w NAME.md` saves it where the user says.
vim.cmd('silent write 已保存.md')
H.check(vim.fn.readfile(dir .. '/已保存.md')[1] == want[1], ':w 已保存.md writes the Markdown')

-- 3. A .docx that is random bytes: the CLI's reason in an error message, no buffer.
local bad = H.copy(H.corrupt_docx, dir, '损坏的报告.docx')
local bufs = #vim.api.nvim_list_bufs()
local cur = vim.api.nvim_get_current_buf()
notes = {}
vim.cmd('NianbaoOpen ' .. vim.fn.fnameescape(bad))
H.wait(function()
  return #notes > 0
end)
local n = notes[1] or {}
H.check(n.level == vim.log.levels.ERROR, 'an error is notified', vim.inspect(notes))
local prefix = 'nianbao: ' .. bad .. ': '
H.check(type(n.msg) == 'string' and n.msg:sub(1, #prefix) == prefix, "it is the CLI's message, naming the file", n.msg)
H.check(type(n.msg) == 'string' and vim.fn.match(n.msg:sub(#prefix + 1), '[\\u4e00-\\u9fff]') >= 0,
  'with its reason in Chinese', n.msg)
vim.wait(200)
H.check(#vim.api.nvim_list_bufs() == bufs and vim.api.nvim_get_current_buf() == cur, 'no buffer is created',
  #vim.api.nvim_list_bufs() - bufs)

-- 4. A file that does not exist: the CLI says so, no buffer.
notes = {}
vim.cmd('NianbaoOpen 没有这个文件.docx')
H.wait(function()
  return #notes > 0
end)
n = notes[1] or {}
H.check(n.level == vim.log.levels.ERROR and (n.msg or ''):find(dir .. '/没有这个文件.docx', 1, true) ~= nil,
  'a missing file: an error naming it', vim.inspect(notes))
H.check(#vim.api.nvim_list_bufs() == bufs, 'no buffer is created')

-- 5. A Word report (once the binary reads .docx): its Markdown, checked like the seed.
if H.reads_docx() then
  local docx = H.copy(H.fixture_docx, dir, '济南2020年报.docx')
  local b = vim.api.nvim_get_current_buf()
  notes = {}
  vim.cmd('NianbaoOpen ' .. vim.fn.fnameescape(docx))
  H.wait(function()
    return vim.api.nvim_get_current_buf() ~= b or #notes > 0
  end)
  local wb = vim.api.nvim_get_current_buf()
  H.require(wb ~= b, ':NianbaoOpen FILE.docx opens a new buffer', vim.inspect(notes))
  local text = table.concat(vim.api.nvim_buf_get_lines(wb, 0, -1, true), '\n')
  H.check(text:find('2020年政府信息公开工作年度报告', 1, true) ~= nil, 'the Word report’s title is in the Markdown')
  H.check(text:find('\n|[^\n]*二、上年结转政府信息公开申请数量', 1) ~= nil, 'its tables are pipe tables')
  H.check(vim.api.nvim_buf_get_name(wb) == dir .. '/济南2020年报-2.md', 'named after the .docx (济南2020年报.md is taken)',
    vim.api.nvim_buf_get_name(wb))
  local got_docx
  H.check(H.wait(function()
    got_docx = H.lines_of(H.diags(wb, vim.diagnostic.severity.ERROR, 'total-mismatch'))
    return #got_docx == 2
  end), 'the server finds the two total-mismatch errors in it', vim.inspect(got_docx))
  bufs = #vim.api.nvim_list_bufs()
else
  H.skip(':NianbaoOpen on a .docx', 'this nianbao does not read .docx yet')
end

-- 6. A binary that cannot be run: said at once.
require('nianbao').options.path = dir .. '/no-such-nianbao'
notes = {}
vim.cmd('NianbaoOpen ' .. vim.fn.fnameescape(src))
H.wait(function()
  return #notes > 0
end, 2000)
n = notes[1] or {}
H.check(n.level == vim.log.levels.ERROR and (n.msg or ''):find('无法运行 nianbao', 1, true) ~= nil,
  'a missing binary: 无法运行 nianbao', vim.inspect(notes))
H.check(#vim.api.nvim_list_bufs() == bufs, 'no buffer is created')

H.finish()
