-- :NianbaoNew [year] [agency] — a new annual-report draft from the nianbao language server.
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
