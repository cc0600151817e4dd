-- A real editor as the language server's client: Neovim's built-in LSP client
-- (0.7+ API) opens a plan, waits for plan-lint's diagnostics, applies code
-- actions by title, saves, waits for the re-lint, and writes what it saw as
-- JSON. Driven by test/lsp-neovim.test.ts; every wait is for an event, with a
-- generous upper bound that only fails the test when it is exceeded.
local plan = vim.env.PLAN_LINT_PLAN
local out = vim.env.PLAN_LINT_OUT
local titles = vim.json.decode(vim.env.PLAN_LINT_ACTIONS)
local report = { steps = {} }

local function finish(err)
  if err then report.error = err end
  local f = io.open(out, 'w')
  f:write(vim.json.encode(report))
  f:close()
  vim.cmd('qall!')
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { line = d.lnum + 1, col = d.col + 1, code = lsp.code or d.code, source = d.source or lsp.source, message = d.message })
  end
  table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)
  return list
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'plan-lint',
    cmd = { vim.env.PLAN_LINT_NODE, vim.env.PLAN_LINT_BIN, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(plan, ':h'),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local generation = 0
  vim.api.nvim_create_autocmd('DiagnosticChanged', { buffer = bufnr, callback = function() generation = generation + 1 end })
  if not vim.wait(120000, function() return generation > 0 end, 20) then error('no diagnostics arrived') end
  report.initial = snapshot(bufnr)

  local client = vim.lsp.get_client_by_id(client_id)
  for _, want in ipairs(titles) do
    -- The diagnostic the action is for: the first with the wanted code.
    local target
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = (d.user_data or {}).lsp or {}
      if (lsp.code or d.code) == want.code then
        -- The protocol's diagnostic again (Neovim 0.7 keeps only its code in user_data).
        target = {
          range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
          severity = d.severity, source = d.source or lsp.source or 'plan-lint', code = want.code, message = d.message,
        }
        break
      end
    end
    if not target then error('no diagnostic with code ' .. want.code) end
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = target.range, context = { diagnostics = { target } } }
    local answers = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 120000)
    local chosen
    for _, a in ipairs((answers[client_id] or {}).result or {}) do
      if a.title:find(want.title, 1, true) then chosen = a break end
    end
    if not chosen then error("no code action titled " .. want.title .. ": " .. vim.inspect(answers):sub(1, 600) .. " for " .. vim.inspect(target):sub(1, 400)) end
    local before = generation
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
    vim.cmd('write')
    if not vim.wait(120000, function() return generation > before end, 20) then error('no re-lint after ' .. want.title) end
    -- The edit and the save are one version of the plan: whichever lint publishes first already shows it.
    table.insert(report.steps, { title = chosen.title, diagnostics = snapshot(bufnr) })
  end
end)
finish(not ok and tostring(err) or nil)
