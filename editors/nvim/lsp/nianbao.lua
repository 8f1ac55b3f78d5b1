-- Neovim 0.11+ native LSP config for nianbao (政府信息公开工作年度报告 checker).
-- With editors/nvim on 'runtimepath' this file is found by `vim.lsp.config`; enable it with
--   vim.lsp.enable('nianbao')
-- and override fields with e.g. vim.lsp.config('nianbao', { cmd = { '/path/to/nianbao', 'lsp' } }).
-- `enable = 'auto'` only reports on buffers that look like an annual report, so attaching to
-- every markdown/text buffer is harmless; use 'always' or 'never' to force it.
---@type vim.lsp.Config
return {
  cmd = { 'nianbao', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.git' },
  settings = {
    nianbao = {
      enable = 'auto',
    },
  },
}
