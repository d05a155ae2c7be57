--[[
snippets.lua - the code and the program output that the book quotes, made from the real
files and programs.

The book's filter (book.lua) shows them on the pages, and tools/readme-sync.lua writes
them into the chapter READMEs. Both take them from here, so a README shows the same
text as its page, character for character.

A quote is written as pandoc attributes, for example

    {include="lib/neuron.c" region="weighted sum"}
    {.output run="01-neuron --seed 1" from="Part 2" to="learned OR"}

and `snippets.text(directive, bin)` gives the text it stands for:

- include: the lines between the markers `// [NAME]` and `// [end NAME]` (or `# [...]`,
  `/* [...] */`, `<!-- [...] -->`), without their common indentation and without any
  other markers inside; without `region`, the whole file.
- run: what build/bin/PROGRAM printed with those arguments (and --plot=none for a
  chapter program), its stderr included. `from` and `to` keep only the lines from the
  first one containing `from` to the next one containing `to`. The program must exit
  with `status` (0 unless the directive says otherwise).

Whoever loads this sets `snippets.fail` (how to stop with a message) and may set
`snippets.depend` (told the name of every file read).
]]

local M = {}

M.fail = function(message) error(message, 0) end
M.depend = function(_) end

local function fail(message) M.fail(message) end

function M.split_lines(text)
  local lines = {}
  for line in (text:gsub("\n$", "") .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  return lines
end

-- The attributes of a quote, read from their text ("{include=... region=...}") as
-- pandoc reads a code block's: a CodeBlock with the attributes and no text.
function M.directive(attributes)
  local blocks = pandoc.read("```" .. attributes .. "\n```\n", "markdown").blocks
  local block = blocks[1]
  if #blocks ~= 1 or block.t ~= "CodeBlock" or block.text ~= "" then
    fail("cannot read the attributes " .. attributes)
  end
  return block
end

local function read_file(path, why)
  local f = io.open(path, "r")
  if not f then fail("cannot open '" .. path .. "' (" .. why .. ")") end
  local text = f:read("a")
  f:close()
  M.depend(path)
  return text
end

-- The name inside a region marker line, or nil when the line is not a marker.
local MARKERS = {
  "^%s*//%s*%[(.-)%]%s*$",
  "^%s*#%s*%[(.-)%]%s*$",
  "^%s*/%*%s*%[(.-)%]%s*%*/%s*$",
  "^%s*<!%-%-%s*%[(.-)%]%s*%-%->%s*$",
}
local function marker(line)
  for _, pattern in ipairs(MARKERS) do
    local name = line:match(pattern)
    if name then return name end
  end
  return nil
end

local function dedent(lines)
  local indent
  for _, line in ipairs(lines) do
    if line:match("%S") then
      local lead = #line:match("^%s*")
      if not indent or lead < indent then indent = lead end
    end
  end
  local out = {}
  for _, line in ipairs(lines) do out[#out + 1] = line:sub((indent or 0) + 1) end
  return out
end

local function extract_region(path, name)
  local lines = M.split_lines(read_file(path, "included by the book"))
  local body, inside, found, closed = {}, false, false, false
  for number, line in ipairs(lines) do
    local m = marker(line)
    if m == name then
      if found then fail("region '" .. name .. "' opens twice in " .. path .. " (line " .. number .. ")") end
      found, inside = true, true
    elseif m == "end " .. name then
      if not inside then fail("region '" .. name .. "' in " .. path .. " ends (line " .. number .. ") before it starts") end
      inside, closed = false, true
    elseif inside and not m then
      body[#body + 1] = line
    end
  end
  if not found then fail("region '" .. name .. "' not found in " .. path) end
  if not closed then fail("region '" .. name .. "' in " .. path .. " has no '[end " .. name .. "]' marker") end
  if #body == 0 then fail("region '" .. name .. "' in " .. path .. " is empty") end
  return table.concat(dedent(body), "\n")
end

-- The text an include stands for.
function M.included(path, region)
  if region then return extract_region(path, region) end
  return (read_file(path, "included by the book"):gsub("\n$", ""))
end

local LANGUAGES = { c = "c", h = "c", py = "python", sh = "bash", lua = "lua", mk = "makefile" }

-- The language an included file is highlighted as, from its name.
function M.language(path)
  local ext = path:match("%.(%w+)$")
  return LANGUAGES[ext] or (path:match("Makefile$") and "makefile") or "text"
end

-- Each command line runs once per process: several blocks often show parts of one run.
local runs = {}

-- What a run directive shows, and the program it ran (bin/PROGRAM).
function M.output(block, bin)
  local command = block.attributes.run
  local program = command:match("^(%S+)")
  local binary = bin .. "/" .. program
  if not io.open(binary, "r") then fail("program " .. binary .. " is not built (run block '" .. command .. "')") end
  M.depend(binary)
  local args = command:sub(#program + 1)
  if not args:match("%-%-plot") and program:match("^%d%d%-") then args = args .. " --plot=none" end
  local key = binary .. args
  if not runs[key] then
    local pipe = io.popen("NO_COLOR=1 " .. binary .. args .. " 2>&1", "r")
    local text = pipe:read("a")
    local _, _, status = pipe:close()
    runs[key] = { text = text, status = status }
  end
  local text, status = runs[key].text, runs[key].status
  local expected = tonumber(block.attributes.status or "0")
  if status ~= expected then
    fail("'" .. command .. "' exited with status " .. tostring(status) .. " (expected " .. expected .. "):\n" .. text)
  end
  local from, to = block.attributes.from, block.attributes.to
  if from or to then
    local kept, on = {}, not from
    for _, line in ipairs(M.split_lines(text)) do
      if not on and from and line:find(from, 1, true) then on = true end
      if on then kept[#kept + 1] = line end
      if on and to and #kept > 1 and line:find(to, 1, true) then break end
    end
    if #kept == 0 then fail("'" .. command .. "': no output line contains '" .. from .. "'") end
    text = table.concat(kept, "\n")
  end
  return (text:gsub("\n$", "")), binary
end

return M
