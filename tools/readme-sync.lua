--[[
readme-sync.lua - writes, or checks, the text of every quote in the chapter READMEs.

tools/readme-sync.sh runs it through pandoc (pandoc's Lua is the one the book's filter
runs in), from the repository's top directory, with these settings:

  README_SYNC_FILES  the READMEs, one per line
  README_SYNC_BIN    the directory of the chapter programs
  README_SYNC_CHECK  1: change nothing, and fail when a quote's text is out of date

A quote is an opening comment holding the attributes the book reads, the text, and a
closing comment:

  <!-- {include="lib/neuron.c" region="weighted sum"} -->
  ```c
  (the lines between // [weighted sum] and // [end weighted sum])
  ```
  <!-- end include -->

  <!-- {.output run="01-neuron --seed 1" to="Part 2"} -->
  ```
  (what build/bin/01-neuron --seed 1 --plot=none printed, up to "Part 2")
  ```
  <!-- end output -->

Everything between the two comments is replaced by the text that
book/filters/snippets.lua makes for the attributes, the same text the book's page
shows. A quote written the old way, as an empty fenced block ```{include=...}```, is
rewritten in this form.
]]

local here = PANDOC_SCRIPT_FILE:match("^(.*/)") or "./"
local snippets = dofile(here .. "../book/filters/snippets.lua")

local check = os.getenv("README_SYNC_CHECK") == "1"
local bin = os.getenv("README_SYNC_BIN") or "build/bin"

local function quoted(attributes)
  return attributes:match("include=") or attributes:match("run=")
end

-- "<!-- {ATTRIBUTES} -->" on a line of its own: its indentation and the attributes.
local function opening(line)
  local indent, attributes = line:match("^(%s*)<!%-%-%s*(%b{})%s*%-%->%s*$")
  if attributes and quoted(attributes) then return indent, attributes end
  return nil
end

local function closing(line)
  return line:match("^%s*<!%-%-%s*end (%a+)%s*%-%->%s*$")
end

-- The old form: an empty fenced block "```{ATTRIBUTES}", then its closing fence.
local function old_opening(line)
  local indent, fence, attributes = line:match("^(%s*)(```+)%s*(%b{})%s*$")
  if attributes and quoted(attributes) then return indent, fence, attributes end
  return nil
end

-- The lines a quote should have, from its opening comment to its closing one.
local function quote_lines(indent, attributes)
  local directive = snippets.directive(attributes)
  local kind, text, language, fenced = "include", nil, "", true
  if directive.attributes.run then
    kind = "output"
    text = snippets.output(directive, bin)
  else
    local path = directive.attributes.include
    text = snippets.included(path, directive.attributes.region)
    if directive.classes:includes("markdown") then fenced = false
    else language = directive.classes[1] or snippets.language(path) end
  end
  local body = snippets.split_lines(text)
  -- A fence longer than any run of backticks that starts a line of the text.
  local fence = "```"
  for _, line in ipairs(body) do
    local ticks = line:match("^%s*(`+)")
    if ticks and #ticks >= #fence then fence = string.rep("`", #ticks + 1) end
  end
  local lines = { indent .. "<!-- " .. attributes .. " -->" }
  if fenced then lines[#lines + 1] = indent .. fence .. language end
  for _, line in ipairs(body) do lines[#lines + 1] = line == "" and "" or indent .. line end
  if fenced then lines[#lines + 1] = indent .. fence end
  lines[#lines + 1] = indent .. "<!-- end " .. kind .. " -->"
  return lines, kind
end

local function shorten(line)
  if line == nil then return "(nothing)" end
  line = line:gsub("^%s+", "")
  if #line > 60 then line = line:sub(1, 57) .. "..." end
  return "'" .. line .. "'"
end

local problems, stale, total, changed_files = 0, 0, 0, 0
local function report(message)
  io.stderr:write(message, "\n")
  problems = problems + 1
end

local function sync(path)
  local f = io.open(path, "r")
  if not f then report(path .. ": cannot open it"); return end
  local text = f:read("a")
  f:close()
  local lines = snippets.split_lines(text)
  local out, i, rewritten = {}, 1, 0
  while i <= #lines do
    local indent, attributes = opening(lines[i])
    local fence
    if not indent then indent, fence, attributes = old_opening(lines[i]) end
    local last -- the quote's last line in the README
    if attributes and fence then
      last = i + 1
      while last <= #lines and not lines[last]:match("^%s*" .. fence .. "%s*$") do last = last + 1 end
    elseif attributes then
      last = i + 1
      while last <= #lines and not closing(lines[last]) and not opening(lines[last]) do last = last + 1 end
    end
    if not attributes then
      if closing(lines[i]) then report(path .. ":" .. i .. ": <!-- end " .. closing(lines[i]) .. " --> closes no quote") end
      out[#out + 1] = lines[i]
      i = i + 1
    else
      total = total + 1
      local ok, want, kind = pcall(quote_lines, indent, attributes)
      if not ok then
        report(path .. ":" .. i .. ": " .. attributes .. ": " .. want)
        last = i
      elseif last > #lines or (not fence and closing(lines[last]) ~= kind) then
        report(path .. ":" .. i .. ": the quote " .. attributes .. " has no " ..
               (fence and "closing fence" or "<!-- end " .. kind .. " -->") .. " after it")
        last = i
      else
        local differs -- the first line that is not what it should be
        for k = 1, math.max(#want, last - i + 1) do
          if want[k] ~= lines[i + k - 1] then differs = k; break end
        end
        if differs then
          stale = stale + 1
          rewritten = rewritten + 1
        end
        if differs and check then
          local where = i + differs - 1
          report(string.format("%s:%d: the quote %s is out of date: line %d reads %s, the %s gives %s",
            path, i, attributes, where, shorten(where <= last and lines[where] or nil),
            kind == "output" and "program" or "source", shorten(want[differs])))
        end
        local keep = check or not differs
        if keep then for k = i, last do out[#out + 1] = lines[k] end
        else for _, line in ipairs(want) do out[#out + 1] = line end end
      end
      if last == i then out[#out + 1] = lines[i] end
      i = last + 1
    end
  end
  if rewritten > 0 and not check then
    -- Written beside it and renamed, so that a page built meanwhile reads it whole.
    local w = io.open(path .. ".tmp", "w")
    if not w then report(path .. ": cannot write it"); return end
    w:write(table.concat(out, "\n"), "\n")
    w:close()
    local ok, message = os.rename(path .. ".tmp", path)
    if not ok then report(path .. ": " .. message); return end
    changed_files = changed_files + 1
    io.stdout:write("readme-sync: rewrote ", rewritten, " quote(s) in ", path, "\n")
  end
end

local files = {}
for path in (os.getenv("README_SYNC_FILES") or ""):gmatch("[^\n]+") do files[#files + 1] = path end
for _, path in ipairs(files) do sync(path) end

if check and stale > 0 then
  io.stderr:write(string.format("readme-sync: %d of %d quotes out of date; `make readmes` rewrites them from the sources and programs\n", stale, total))
end
if problems > 0 then os.exit(1) end
if check then
  io.stdout:write(string.format("readme-sync: the %d quotes in %d README(s) match their sources and programs\n", total, #files))
elseif changed_files == 0 then
  io.stdout:write(string.format("readme-sync: the %d quotes in %d README(s) were up to date\n", total, #files))
end
os.exit(0)
