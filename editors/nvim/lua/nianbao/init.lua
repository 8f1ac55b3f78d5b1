-- nianbao for Neovim: starts `nianbao lsp` on markdown and text buffers and adds :NianbaoNew,
-- :NianbaoOpen (a Word/PDF/web-page report as Markdown) and :NianbaoNewFrom (a draft from last
-- year's report).
--
--   require('nianbao').setup({
--     path = '/path/to/nianbao',            -- or cmd = { '/path/to/nianbao', 'lsp' }
--     settings = { nianbao = { enable = 'auto', year = 2024 } },
--   })
--
-- On Neovim 0.11+ this uses vim.lsp.config + vim.lsp.enable (merging with lsp/nianbao.lua);
-- on 0.10 it falls back to vim.lsp.start from a FileType autocmd.
local M = {}

M.name = 'nianbao'

local defaults = {
  cmd = nil, -- list, e.g. { 'nianbao', 'lsp' }; built from `path` when absent
  path = nil, -- the nianbao binary (default: 'nianbao' on $PATH)
  filetypes = { 'markdown', 'text' },
  root_markers = { '.git' },
  settings = { nianbao = { enable = 'auto' } },
  on_attach = nil,
  capabilities = nil,
  -- 'department', 'government' or 'township' for :NianbaoNew; nil: guessed from the agency name
  organ = nil,
  -- force the Neovim 0.10 code path (vim.lsp.start from a FileType autocmd)
  legacy = nil,
  -- :NianbaoOpen / :NianbaoNewFrom stop the command line after this many milliseconds
  cli_timeout = 120000,
}

M.options = vim.deepcopy(defaults)

local function has_native_config()
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) == 'table' and vim.lsp.enable ~= nil
end

--- The command that starts the server, from the options.
function M.cmd(opts)
  opts = opts or M.options
  if opts.cmd then
    if type(opts.cmd) == 'string' then
      return { opts.cmd, 'lsp' }
    end
    return opts.cmd
  end
  return { opts.path or 'nianbao', 'lsp' }
end

--- The client config (also what the 0.10 path hands to vim.lsp.start).
function M.config(bufnr)
  local o = M.options
  local cfg = {
    name = M.name,
    cmd = M.cmd(o),
    filetypes = o.filetypes,
    root_markers = o.root_markers,
    settings = o.settings,
    -- The server reads its settings from initializationOptions too, so the first analysis of
    -- the first document already uses them.
    init_options = o.settings,
    on_attach = o.on_attach,
    capabilities = o.capabilities,
  }
  if bufnr then
    -- As vim.lsp.enable does: the root from the markers, else none (the server checks each
    -- file on its own), so one client serves every buffer outside a repository.
    cfg.root_dir = vim.fs.root(bufnr, o.root_markers)
  end
  return cfg
end

local function legacy_attach(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  if not vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
    return
  end
  local cfg = M.config(bufnr)
  cfg.filetypes, cfg.root_markers = nil, nil
  vim.lsp.start(cfg, { bufnr = bufnr })
end

local augroup

--- Set up the language server. Safe to call more than once (the last call wins).
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Lists replace rather than merge.
  if opts and opts.filetypes then
    M.options.filetypes = opts.filetypes
  end
  if opts and opts.cmd then
    M.options.cmd = opts.cmd
  end

  if has_native_config() and not M.options.legacy then
    local cfg = M.config()
    cfg.name = nil
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
    return
  end

  augroup = vim.api.nvim_create_augroup('nianbao', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = augroup,
    pattern = M.options.filetypes,
    callback = function(ev)
      legacy_attach(ev.buf)
    end,
    desc = 'Start the nianbao language server',
  })
  -- Buffers that were already open.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      legacy_attach(b)
    end
  end
end

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter) -- 0.9
end

--- A running nianbao client: the one on `bufnr` if any, else any other one.
function M.client(bufnr)
  local c = get_clients({ name = M.name, bufnr = bufnr })[1]
  return c or get_clients({ name = M.name })[1]
end

local function request(client, method, params, handler)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler)
  end
  return client.request(method, params, handler)
end

--- A running client, or a new one started without attaching to any buffer.
local function ensure_client(bufnr)
  local c = M.client(bufnr)
  if c then
    return c
  end
  local cfg = M.config(bufnr or vim.api.nvim_get_current_buf())
  cfg.filetypes, cfg.root_markers = nil, nil
  local id
  if vim.fn.has('nvim-0.11') == 1 then
    id = vim.lsp.start(cfg, { attach = false })
  else
    id = vim.lsp.start_client(cfg)
  end
  return id and vim.lsp.get_client_by_id(id) or nil
end

--- Ask the server for a draft report. `args` = { year = 2024, agency = '…', organ = '…' }; without
--- `organ` the server guesses it from the agency's name, as it does for a report's title;
--- `callback(err, text)`.
function M.new_report(args, callback)
  local client = ensure_client(vim.api.nvim_get_current_buf())
  if not client then
    callback('cannot start ' .. table.concat(M.cmd(), ' '))
    return
  end
  local function send()
    request(client, 'workspace/executeCommand', {
      command = 'nianbao.newReport',
      arguments = { args },
    }, function(err, result)
      if err then
        callback(err.message or tostring(err))
      elseif type(result) ~= 'string' then
        callback('nianbao.newReport returned no text')
      else
        callback(nil, result)
      end
    end)
  end
  -- A client that was just started answers only after `initialize`.
  local deadline = vim.uv.now() + 10000
  local function when_ready()
    if client.initialized then
      return send()
    end
    local stopped = client.is_stopped and (vim.fn.has('nvim-0.11') == 1 and client:is_stopped() or client.is_stopped())
    if stopped or vim.uv.now() > deadline then
      return callback('the language server did not start: ' .. table.concat(M.cmd(), ' '))
    end
    vim.defer_fn(when_ready, 20)
  end
  when_ready()
end

--- STEM.md, STEM-1.md, … in the current directory: the first that is neither a file nor a buffer.
local function unique_name(stem)
  local dir = vim.fn.getcwd()
  for i = 0, 999 do
    local base = ('%s%s.md'):format(stem, i == 0 and '' or ('-' .. i))
    local path = vim.fs.joinpath and vim.fs.joinpath(dir, base) or (dir .. '/' .. base)
    if vim.fn.filereadable(path) == 0 and vim.fn.bufexists(path) == 0 then
      return path
    end
  end
end

--- Open `text` in a new markdown buffer named nianbao-YEAR.md (not written to disk).
function M.open_draft(text, year)
  vim.cmd('enew')
  local buf = vim.api.nvim_get_current_buf()
  local name = unique_name('nianbao-' .. year)
  if name then
    vim.api.nvim_buf_set_name(buf, name)
  end
  local lines = vim.split(text, '\n', { plain = true })
  if lines[#lines] == '' then
    table.remove(lines)
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].filetype = 'markdown' -- attaches the server through the FileType autocmd
  return buf
end

local function input(prompt, default, cb)
  vim.ui.input({ prompt = prompt, default = default }, cb)
end

--- :NianbaoNew [year] [agency]
function M.new_command(fargs)
  local year, agency = fargs[1], fargs[2]
  if fargs[2] then
    agency = table.concat(fargs, ' ', 2)
  end
  local function run()
    local y = tonumber(year)
    -- The report years the server accepts (check::doc::REPORT_YEARS).
    if not y or y < 2008 or y > 2100 then
      vim.notify('nianbao: 年度无效：' .. tostring(year) .. '（须为 2008 至 2100 之间的四位年份）', vim.log.levels.ERROR)
      return
    end
    if agency == '' then
      agency = nil
    end
    M.new_report({ year = y, agency = agency, organ = M.options.organ }, function(err, text)
      if err then
        vim.notify('nianbao: ' .. err, vim.log.levels.ERROR)
        return
      end
      vim.schedule(function()
        M.open_draft(text, y)
      end)
    end)
  end
  local function ask_agency()
    if agency then
      return run()
    end
    input('机关名称（可留空）: ', '', function(a)
      if a == nil then
        return -- cancelled
      end
      agency = a
      run()
    end)
  end
  if year then
    return ask_agency()
  end
  input('报告年度: ', tostring(tonumber(os.date('%Y')) - 1), function(y)
    if y == nil or y == '' then
      return
    end
    year = y
    ask_agency()
  end)
end

-- :NianbaoOpen and :NianbaoNewFrom run the nianbao command line (`convert FILE`,
-- `new --from FILE [--year N]`) and open what it prints in a new markdown buffer.

--- The nianbao binary: the one that runs the server (`cmd[1]`, else `path`, else the command of
--- vim.lsp.config('nianbao'), else `nianbao` on $PATH).
function M.bin()
  local o = M.options
  if type(o.cmd) == 'string' then
    return o.cmd
  elseif type(o.cmd) == 'table' and o.cmd[1] then
    return o.cmd[1]
  elseif o.path then
    return o.path
  end
  if has_native_config() then
    local ok, cfg = pcall(function()
      return vim.lsp.config[M.name]
    end)
    if ok and type(cfg) == 'table' and type(cfg.cmd) == 'table' and cfg.cmd[1] then
      return cfg.cmd[1]
    end
  end
  return 'nianbao'
end

--- Runs `nianbao ARGS…`; `callback(err, stdout, notes)` on the main loop. `err` is the CLI's
--- message (`nianbao: <path>: <原因>`) when it fails; `notes` what a successful run said on
--- stderr (the reminders of `new --from`), '' when nothing.
function M.run_cli(args, callback)
  local cmd = vim.list_extend({ M.bin() }, args)
  local timeout = M.options.cli_timeout or defaults.cli_timeout
  local ok, err = pcall(vim.system, cmd, { text = true, timeout = timeout }, function(r)
    vim.schedule(function()
      if r.code == 0 then
        return callback(nil, r.stdout or '', vim.trim(r.stderr or ''))
      end
      local msg = vim.trim(r.stderr or '')
      if r.code == 124 and r.signal == 15 then
        msg = ('nianbao %s 在 %d 秒内没有完成，已停止。'):format(args[1], math.floor(timeout / 1000))
      elseif msg:find('unrecognized subcommand', 1, true) or msg:find("unexpected argument '--from'", 1, true) then
        local what = args[1] == 'new' and 'new --from' or args[1]
        msg = ('所用的 nianbao（%s）版本过旧，不支持“%s”，请更新 nianbao。'):format(cmd[1], what)
      elseif msg == '' then
        msg = ('nianbao %s 失败（退出码 %d），没有给出原因。'):format(args[1], r.code)
      end
      callback(msg)
    end)
  end)
  if not ok then
    -- vim.system raises when the binary cannot be started (ENOENT, EACCES)
    callback(('无法运行 nianbao（%s）：%s'):format(cmd[1], tostring(err)))
  end
end

--- Open `text` in a new markdown buffer named `name` (a file that does not exist yet: nothing is
--- written until `:w`). The name gives the buffer a file:// URI, so the server's diagnostics
--- reach it; an unnamed buffer would share the URI `file://` with every other one.
function M.open_text(text, name)
  local buf = vim.api.nvim_create_buf(true, false)
  if name then
    vim.api.nvim_buf_set_name(buf, name)
  end
  local lines = vim.split(text, '\n', { plain = true })
  if lines[#lines] == '' then
    table.remove(lines)
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.api.nvim_win_set_buf(0, buf)
  vim.bo[buf].filetype = 'markdown' -- attaches the server through the FileType autocmd
  return buf
end

--- :NianbaoOpen {file} — a Word (.docx), web page (.html/.htm) or PDF report as Markdown.
function M.open_command(fargs)
  -- (a command with complete=file gets its arguments expanded and unescaped: %, ~, `\ `)
  local file = vim.fn.fnamemodify(table.concat(fargs, ' '), ':p')
  M.run_cli({ 'convert', file }, function(err, text)
    if err then
      vim.notify(err, vim.log.levels.ERROR)
      return
    end
    M.open_text(text, unique_name(vim.fn.fnamemodify(file, ':t:r')))
  end)
end

--- :NianbaoNewFrom {file} [year] — this year's draft from last year's report (any format).
function M.new_from_command(fargs)
  fargs = vim.list_extend({}, fargs)
  local year
  if #fargs > 1 and fargs[#fargs]:match('^%d%d%d%d$') then
    year = table.remove(fargs)
  end
  local file = vim.fn.fnamemodify(table.concat(fargs, ' '), ':p')
  local args = { 'new', '--from', file }
  if year then
    vim.list_extend(args, { '--year', year })
  end
  M.run_cli(args, function(err, text, notes)
    if err then
      vim.notify(err, vim.log.levels.ERROR)
      return
    end
    -- named after the draft's year, as :NianbaoNew does
    local head = table.concat(vim.list_slice(vim.split(text, '\n', { plain = true }), 1, 20), '\n')
    local y = year or head:match('(20%d%d)年')
    M.open_text(text, unique_name(y and ('nianbao-' .. y) or 'nianbao-draft'))
    if notes ~= '' then
      vim.notify(notes, vim.log.levels.WARN) -- 请核对…, 写好后请删除引文…
    end
  end)
end

return M
