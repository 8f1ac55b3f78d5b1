-- :NianbaoNew [year] [agency] — a new annual-report draft from the nianbao language server.
-- :NianbaoOpen {file} — a Word (.docx), web page (.html/.htm) or PDF report as Markdown.
-- :NianbaoNewFrom {file} [year] — this year's draft from last year's report.
-- The server itself is started by require('nianbao').setup() (or vim.lsp.enable('nianbao')).
if vim.g.loaded_nianbao then
  return
end
vim.g.loaded_nianbao = 1

vim.api.nvim_create_user_command('NianbaoNew', function(o)
  require('nianbao').new_command(o.fargs)
end, {
  nargs = '*',
  desc = 'nianbao: open a new annual-report draft ([year] [agency])',
})

vim.api.nvim_create_user_command('NianbaoOpen', function(o)
  require('nianbao').open_command(o.fargs)
end, {
  nargs = 1,
  complete = 'file',
  desc = 'nianbao: open a Word/PDF/web-page report as Markdown ({file})',
})

vim.api.nvim_create_user_command('NianbaoNewFrom', function(o)
  require('nianbao').new_from_command(o.fargs)
end, {
  nargs = '+',
  complete = 'file',
  desc = "nianbao: this year's draft from last year's report ({file} [year])",
})
