-- Run by test/editors/neovim.test.ts inside `nvim --headless`, after the README's init.lua has opened
-- a .polity file: waits for the server's diagnostics, asks for a hover and a definition as a user
-- would, follows the definition, and writes what Neovim saw as JSON to $POLITY_TEST_OUT.
local timeout = tonumber(os.getenv('POLITY_TEST_TIMEOUT'))
local result = { diagnostics = {} }

local function finish()
  local file = io.open(os.getenv('POLITY_TEST_OUT'), 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, failure = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  result.attached = vim.wait(timeout, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50)
  -- Diagnostics of a file that is not open arrive too (the server reads the whole workspace folder).
  local expected = tonumber(os.getenv('POLITY_TEST_FILES'))
  vim.wait(timeout, function()
    local files = {}
    for _, d in ipairs(vim.diagnostic.get()) do files[d.bufnr] = true end
    return vim.tbl_count(files) >= expected
  end, 50)
  -- Late publications would be missed by a test that read too early: wait until none come for a second.
  local count, stable = -1, 0
  vim.wait(timeout, function()
    local now = #vim.diagnostic.get()
    if now == count then stable = stable + 1 else stable, count = 0, now end
    return stable >= 20
  end, 50)
  for _, d in ipairs(vim.diagnostic.get()) do
    table.insert(result.diagnostics, {
      file = vim.api.nvim_buf_get_name(d.bufnr), line = d.lnum + 1, col = d.col + 1,
      severity = d.severity, message = d.message,
    })
  end

  local function at(pattern)
    local line = vim.fn.search(pattern, 'w')
    return { textDocument = vim.lsp.util.make_text_document_params(buf),
             position = { line = line - 1, character = vim.fn.col('.') - 1 } }
  end
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', at('\\<CAC\\>'), timeout)
  for _, response in pairs(hover or {}) do
    if response.result then result.hover = response.result.contents.value end
  end
  local definition = vim.lsp.buf_request_sync(buf, 'textDocument/definition', at('administration'), timeout)
  for _, response in pairs(definition or {}) do
    local target = response.result and response.result[1]
    if target then
      result.definition = target.targetUri or target.uri
      vim.lsp.util.jump_to_location(target, 'utf-16')
      result.landed = { file = vim.api.nvim_buf_get_name(0), text = vim.api.nvim_get_current_line(),
                        readonly = vim.bo.readonly }
    end
  end
end)
if not ok then result.error = tostring(failure) end
finish()
