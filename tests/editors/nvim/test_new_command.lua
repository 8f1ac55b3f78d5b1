-- :NianbaoNew asks for what is missing, runs nianbao.newReport and opens the draft.
package.path = vim.fn.fnamemodify(arg[0], ':p:h') .. '/?.lua;' .. package.path
local H = require('helpers')
H.setup()
vim.cmd.cd(H.tmpdir())

H.require(vim.fn.exists(':NianbaoNew') == 2, ':NianbaoNew is defined by plugin/nianbao.lua')

-- Answers for vim.ui.input, in order; prompts are recorded.
local answers, prompts = {}, {}
vim.ui.input = function(opts, cb)
  table.insert(prompts, opts.prompt)
  cb(table.remove(answers, 1))
end

local function first_line()
  return vim.api.nvim_buf_get_lines(0, 0, 1, true)[1]
end

-- 1. With the year given, no client running yet: asks only for the agency.
answers = { '某某市统计局' }
local function opened_draft(pat)
  return H.wait(function()
    return vim.api.nvim_buf_get_name(0):match(pat) ~= nil and vim.api.nvim_buf_line_count(0) > 1
  end)
end
vim.cmd('NianbaoNew 2024')
-- (the empty start-up buffer may be reused by :enew)
local opened = opened_draft('nianbao%-2024%.md$')
H.require(opened, ':NianbaoNew 2024 opens a new buffer')
local buf = vim.api.nvim_get_current_buf()
H.check(#prompts == 1 and prompts[1]:find('机关', 1, true) ~= nil, 'asked once, for the agency', vim.inspect(prompts))
H.check(first_line() == '# 某某市统计局2024年政府信息公开工作年度报告', 'the draft has the title', first_line())
H.check(vim.bo[buf].filetype == 'markdown', 'the draft buffer is markdown', vim.bo[buf].filetype)
H.check(vim.api.nvim_buf_get_name(buf):match('nianbao%-2024%.md$') ~= nil, 'named nianbao-2024.md',
  vim.api.nvim_buf_get_name(buf))
H.check(vim.api.nvim_buf_line_count(buf) > 60, 'the whole draft is there', vim.api.nvim_buf_line_count(buf))
H.check(H.client(buf) ~= nil, 'the server attaches to the draft')
H.check(#vim.lsp.get_clients({ name = 'nianbao' }) == 1, 'one nianbao client in all',
  #vim.lsp.get_clients({ name = 'nianbao' }))

-- 2. No arguments: asks for the year and the agency (left empty: the placeholder name).
prompts, answers = {}, { '2023', '' }
vim.cmd('NianbaoNew')
opened = opened_draft('nianbao%-2023%.md$')
H.check(vim.api.nvim_get_current_buf() ~= buf, 'in a new buffer')
H.require(opened, ':NianbaoNew opens another buffer')
H.check(#prompts == 2 and prompts[1]:find('年度', 1, true) ~= nil, 'asked for the year, then the agency',
  vim.inspect(prompts))
H.check(first_line() == '# XX市XX局2023年政府信息公开工作年度报告', 'the 2023 draft has the placeholder title',
  first_line())
H.check(vim.api.nvim_buf_get_name(0):match('nianbao%-2023%.md$') ~= nil, 'named nianbao-2023.md')

-- 3. Year and agency on the command line: no questions.
prompts = {}
buf = vim.api.nvim_get_current_buf()
vim.cmd('NianbaoNew 2024 某某县人民政府')
opened = opened_draft('nianbao%-2024%-1%.md$')
H.check(opened and #prompts == 0, ':NianbaoNew 2024 AGENCY asks nothing', vim.inspect(prompts))
H.check(first_line() == '# 某某县人民政府2024年政府信息公开工作年度报告', 'the title has the agency', first_line())
H.check(vim.api.nvim_buf_get_name(0):match('nianbao%-2024%-1%.md$') ~= nil, 'a second 2024 draft gets a new name',
  vim.api.nvim_buf_get_name(0))
H.check(require('nianbao').guess_organ == nil, 'the plugin does not guess the organ type: the server does')

-- 4. Cancelling the prompt does nothing.
buf = vim.api.nvim_get_current_buf()
answers = {} -- input returns nil: cancelled
vim.cmd('NianbaoNew')
vim.wait(300)
H.check(vim.api.nvim_get_current_buf() == buf, 'cancelling the year prompt opens nothing')

H.finish()
