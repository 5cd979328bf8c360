# 库的错误：每种 Error 在命令行上打印出来的样子。

error-drift = 数据库与目标模式不一致：检测到 { $count } 处变更
error-verify-failures = verify 发现 { $count } 处失败
error-lint-stopped-upgrade = lint 在待应用的修订版本中发现 { $count } 个错误级别的问题；未执行任何操作（[lint] upgrade = "error"）。请修复这些问题，或用 `-- retort:allow CODE reason` 接受其中某一个
error-lint-errors = lint 发现 { $count } 个错误级别的问题

## 配置（retort.toml）

config-positive-integer = 必须是正整数
config-whole-number-up-to = 必须是 0 到 { $max } 之间的整数
config-no-database-url = 没有数据库 URL：请传入 --url、设置 DATABASE_URL，或在 { $path } 中设置 `url`
config-key-problem = `{ $key }` { $problem }
config-unset-variable = 使用了 ${"{"}{ $var }{"}"}，但环境变量 { $var } 未设置（配置文件旁的 .env 中也没有；默认值写作 ${"{"}{ $var }:-default{"}"}）
config-unset-x = 使用了 ${"{"}x:{ $key }{"}"}，但未指定 `-x { $key }=VALUE`（默认值写作 ${"{"}x:{ $key }:-default{"}"}）
config-unterminated-variable = 含有未闭合的 `${"{"}`（缺少 `{"}"}`）
config-bad-variable-name = 含有 `${"{"}{ $name }{"}"}`，但这不是合法的变量名（只能由字母、数字和 `_` 组成）
config-must-be-string = 必须是字符串，而不是 { $found }
config-list-holds = 必须是字符串列表，但其中含有 { $found }
config-must-be-list = 必须是字符串列表，而不是 { $found }
config-must-be-boolean-text = 必须是 true 或 false，而不是 `{ $found }`
config-must-be-boolean = 必须是 true 或 false，而不是 { $found }
config-must-be-integer-text = 必须是整数，而不是 `{ $found }`
config-must-be-integer = 必须是整数，而不是 { $found }
config-target-schema-type = 含有 { $found }：它接受文件路径、`sqlalchemy:MODULE:ATTRIBUTE` 和 `{"{"} command = ["program", "arg"] {"}"}`
config-command-usage = `target_schema` 中的表写作 `{"{"} command = ["program", "arg"] {"}"}`
config-command-other-key = 含有 `{ $found }`：{ $usage }
config-command-no-program = 未指定程序：{ $usage }
config-must-be-table = 必须是表（[{ $key }]），而不是 { $found }
config-backup-keep = 必须是整数：要保留的备份个数（0 表示全部保留）
config-name-a-directory = 必须是一个目录
config-name-a-program = 必须是一个程序名
config-must-be-duration = 必须是 { $forms }，而不是 { $found }
config-not-found = 在 { $start } 及其所有上级目录中都找不到 { $file }；请运行 `retort init`，或用 -c 或 RETORT_CONFIG 指定该文件
config-at-line = { $path } 第 { $line } 行：{ $message }
config-unknown-key = { $path } 第 { $line } 行有未知的键 `{ $key }`；{ $hint }
config-did-you-mean = 您是不是想用 `{ $suggestion }`？
config-known-keys = 已知的键：{ $keys }
config-unknown-env-none = 未知的环境 `{ $name }`：{ $path } 中没有任何 [env.NAME] 表
config-unknown-env = { $path } 中没有环境 `{ $name }`；已有的环境：{ $known }

## 文件与 URL

cannot-read = 无法读取 { $path }：{ $reason }
url-invalid = 无效的数据库 URL { $url }：{ $reason }
url-invalid-connection-string = 无效的连接字符串 { $url }：{ $reason }

## 迁移文件

script-at-line = { $path }:{ $line }：{ $message }
script-missing-directory = { $path } 不存在；请创建该目录（或运行 `retort init`），或修改 `script_location` / `version_locations`
script-duplicate-revision = 修订版本 `{ $id }` 定义了两次：分别在 { $first } 和 { $second } 中
script-many-problems = 迁移目录中有 { $count } 个问题：
    { $list }
script-irreversible-one = 修订版本 `{ $revision }` 无法降级：{ $path } 没有降级 SQL。请编写撤销其升级的 SQL；若无需撤销，请将降级部分标记为 `{ $fix }`。未执行任何操作
script-irreversible-item = {"  "}修订版本 `{ $revision }`：{ $path } 没有降级 SQL
script-irreversible-many = 此次降级要经过 { $count } 个无法降级的修订版本。未执行任何操作：
    { $list }
    请为每个修订版本编写撤销其升级的 SQL；若无需撤销，请将降级部分标记为 `{ $fix }`

## 数据库

db-connect = 无法连接到 { $target }：{ $reason }
db-lock-timeout = 等待 { $what } 上的迁移锁 { $waited } 后超时；另一个迁移正在运行
db-not-built = 此 retort 构建无法连接到 { $database }：构建时未启用 `{ $feature }` 特性
db-interrupted = 已中断：{ $detail }

## 备份

backup-failed = 备份失败，因此未做任何更改：{ $reason }
backup-prompt-failed = 无法就降级造成的数据丢失征求确认，因此未做任何更改：{ $reason }
backup-declined = 已取消降级：未做任何更改

## 修订版本（措辞与 Alembic 一致）

revision-unknown = 找不到由 '{ $argument }' 标识的修订版本（{ $reason }）
revision-ambiguous-prefix = 有多个修订版本以 '{ $prefix }' 开头：{ $candidates }……
revision-cycle = 在修订版本中检测到{ $kind }（{ $revisions }）
revision-cycle-kind-cycle = 循环
revision-cycle-kind-dependency-cycle = 依赖循环
revision-cycle-kind-self-loop = 自环
revision-cycle-kind-dependency-self-loop = 依赖自环
revision-missing-dependency = 修订版本 { $referenced_by } 的依赖 { $missing } 不存在
revision-missing-parent = { $referenced_by } 引用的修订版本 { $missing } 不存在
revision-no-such-branch = 没有这个分支：'{ $label }'
revision-no-such-revision-or-branch = 没有修订版本或分支 '{ $id }'{ $hint }
revision-short-prefix-hint = ；按部分修订版本号匹配时，请至少提供四个字符
revision-not-on-branch = 修订版本 { $revision } 不属于分支 '{ $branch }'
revision-no-such-revision = 没有修订版本 '{ $id }'
revision-bad-starting-revision = 起始修订版本 '{ $revision }' 并未指向任何修订版本

## 更多配置

config-duration-forms = 不小于 0 的秒数（如 30 或 2.5）或带单位的数值（500ms、30s、5m、1h）
config-not-a-duration = 必须是 { $forms }；实际为 `{ $found }`
config-server-timeout-range = 必须在 0.001 到 { $max } 秒之间，而不是 { $found }
config-env-not-table = `env` 必须是由 [env.NAME] 表组成的表
config-env-entry-not-table = `env.{ $name }` 必须是表（[env.{ $name }]）
config-lint-postgres-version = `lint.postgres_version` 必须是 PostgreSQL 主版本号（如 15），而不是 { $found }
config-lint-upgrade = `lint.upgrade` 必须是 "warn"、"error" 或 "off"，而不是 { $found }
config-lint-rule-level = `lint.{ $rule }` 设置规则的级别，应为 { $levels }，而不是 { $found }
config-dotenv-line = 无法读取 `{ $line }`：应为 NAME=value 格式
config-table-empty = 不能为空
config-version-table-too-long = 长 { $bytes } 字节；PostgreSQL 只保留名称的前 { $max } 个字节，因此表名将是 `{ $table }`，其主键 `{ $primary_key }` 将变成 `{ $key }`，两者同名。请使用不超过 { $allowed } 字节的名称
config-log-table-too-long = 长 { $bytes } 字节；PostgreSQL 只保留名称的前 { $max } 个字节（`{ $truncated }`）。请使用更短的名称
config-log-table-same = 是 `{ $name }`，与版本表同名；已应用迁移的日志需要单独的表
config-bad-glob = `{ $pattern }` 不是有效的 glob 模式：{ $reason }
config-sqlalchemy-no-attribute = `{ $text }` 没有指定属性：应写作 `sqlalchemy:MODULE:ATTRIBUTE`，如 `sqlalchemy:app.models:Base.metadata`
config-sqlalchemy-not-dotted = `{ $text }` 不是模块加属性的形式（以点分隔的 Python 名称）：应写作 `sqlalchemy:MODULE:ATTRIBUTE`，如 `sqlalchemy:app.models:Base.metadata`
config-describe-models = SQLAlchemy 模型 { $module }:{ $attribute }
config-describe-command = 命令 `{ $command }`

## 读取迁移文件

script-markers-lower-case = （标记须为小写）
script-unknown-marker = 未知的部分标记 `{ $name }`；应为 `-- { $upgrade }` 或 `-- { $downgrade }`（或 lint 抑制注释 `-- { $allow } CODE reason`）{ $hint }
script-unknown-marker-option = `-- { $name }` 上有未知的选项 `{ $option }`；已知的选项：{ $known }
script-near-miss-marker = `{ $line }` 看起来像部分标记，但并不是；请写作 `-- { $marker }`（`--` 注释、`retort:` 加部分名称，全部小写），或改写这条注释
script-not-utf8 = 文件不是有效的 UTF-8
script-marker-twice = `-- { $marker }` 第二次出现（第一次在第 { $first } 行）
script-sql-before-marker = 第一个部分标记之前有 SQL；请把它移到 `-- { $upgrade }` 或 `-- { $downgrade }` 之后（文件头只能包含 `--` 注释行）
script-header-twice = `{ $key }` 被第二次指定（第一次在第 { $first } 行）
script-no-marker = 文件中没有部分标记；迁移需要 `-- { $upgrade }` 和/或 `-- { $downgrade }`
script-missing-revision-id = 第一个部分标记之前缺少 `-- { $key }: ...` 文件头行
script-no-op-with-sql = `-- { $marker } { $no_op }` 声明该部分不执行任何操作，但其中含有 SQL；请删除 `{ $no_op }` 或这些 SQL
script-malformed-header = 文件头行格式错误；应为 `-- { $key }: value`
script-named-twice = `{ $key }` 多次列出 `{ $item }`；重复项已忽略
script-key-empty = `{ $key }` 为空
script-revision-id-too-long = `{ $key }` 中的修订版本号 `{ $id }` 长 { $length } 个字符；Alembic 的版本表最多只能容纳 32 个字符
script-revision-id-characters = `{ $key }` 中的修订版本号 `{ $id }` 只能包含字母、数字和 `_`
script-empty-item = `{ $key }` 的 `{ $value }` 中有空项
script-item-with-space = `{ $key }` 的项 `{ $item }` 含有空格；请用逗号分隔各项
script-python-migration = 这是 Python 迁移，retort 不读取（属于 Alembic 修订版本；可用 `retort import alembic` 转换）；请将其移出 versions 目录
script-file-name-not-utf8 = { $path }：文件名不是有效的 UTF-8；请重命名该文件
script-broken-link = { $path } 是指向 { $target } 的符号链接，但目标无法读取（{ $reason }）；请修复或删除该链接
script-via-link = （指向 { $target } 的符号链接）
script-kind-directory = 是目录
script-kind-not-regular = 不是普通文件
script-not-a-file = { $path }{ $followed } { $what }；迁移必须是文件（若它不是迁移，请重命名）
script-transaction-control = 修订版本 `{ $revision }` 的 { $section } 部分中有 `{ $statement }`，而该部分在 retort 的事务中运行：这条语句会在中途结束该事务，绕过 retort 提交部分执行结果。请删除它（retort 会自行开始和提交事务），或将该部分的标记（第 { $marker_line } 行）写作 `-- retort:{ $section } no-transaction`，使其在事务之外运行。未执行任何操作
script-unknown-placeholder = 未知的占位符 `${"{"}{ $name }{"}"}`；已知的占位符：{ $known }

## 数据库 URL 与连接字符串

url-written-as-url = 数据库 URL
url-written-as-connection-string = 连接字符串
url-unknown-scheme = 未知的协议 `{ $scheme }`；支持的协议：{ $supported }
url-not-utf8 = { $what }经百分号解码后不是有效的 UTF-8
url-part-user = 用户名
url-part-password = 密码
url-part-database = 数据库名
url-part-parameter-name = 查询参数名
url-part-parameter-value = 查询参数值
url-part-host = 主机名
url-at-after-query = `?` 之后出现了 `@`：请对用户名、密码和参数中的 `?` 和 `@` 进行百分号编码（%3F、%40）
url-parameter-without-value = 某个查询参数缺少 `=value`
url-ipv6-unclosed = IPv6 主机缺少右方括号 `]`
url-ipv6-trailing = IPv6 主机的 `]` 之后有多余的文本
url-invalid-port = 无效的端口（应为 1-65535）
url-empty-host = 主机列表中有空的主机
url-sqlite-parameters = sqlite URL 不支持查询参数
url-keyword-value-expected = 应为 KEYWORD=VALUE 形式的键值对；含空格的值请用单引号括起来（password='...'）
url-keyword-without-equals = `{ $key }` 的值后面跟着一个不含 `=` 的词；含空格的值请用单引号括起来（{ $key }='...'）
url-quoted-value-unclosed-key = `{ $key }` 的带引号的值缺少结尾的 `'`
url-quoted-value-unclosed = 某个带引号的值缺少结尾的 `'`
url-unknown-after-password = `password` 的值后面跟着 retort 不认识的关键字；含空格的密码请用单引号括起来（password='...'）
url-service-hint = ；不读取 pg_service.conf，请把各项设置直接写出来
url-known-parameters-hint = ；retort 支持的参数有 { $known }
url-unsupported-parameter = 不支持的连接参数 "{ $key }"（来自{ $written_as }）{ $hint }

## 修订版本图与遍历（措辞与 Alembic 一致）

revision-new-revision-cannot-based-below = 新修订版本不能建立在 base 之下
revision-revision-id-may-not-empty = 修订版本号不能为空
revision-duplicate-head-revisions-specified = 指定了重复的 head 修订版本
revision-revision-present-more-than-once = 修订版本 { $id } 出现了不止一次
revision-dependency-does-not-name-revision = 依赖 '{ $dep }' 并未指向任何修订版本
revision-branch-name-revision-already-used = 修订版本 { $id } 中的分支名 '{ $label }' 已被修订版本 { $owner } 使用
revision-revision-has-empty-revision-id = 某个修订版本的修订版本号为空
revision-stamp-merge-needs-destination = 标记时的合并操作需要目标修订版本
revision-stamp-unmerge-needs-source = 标记时的取消合并操作需要源修订版本
revision-cannot-insert-version-version-table = 无法插入版本 '{ $v }'：版本表中已有该版本
revision-cannot-delete-version-version-table = 无法删除版本 '{ $v }'：版本表中没有该版本
revision-cannot-update-version-version-table = 无法将版本 '{ $from }' 更新为 '{ $to }'：版本表中已有 '{ $to }'
revision-cannot-update-version-version-table-2 = 无法将版本 '{ $from }' 更新为 '{ $to }'：版本表中没有 '{ $from }'
revision-cannot-merge-into-no-parent = 无法合并到 { $id }：没有可替换的父修订版本行
revision-stamp-step-needs-exactly-one = 标记步骤需要恰好一个 { $what } 修订版本
revision-ambiguous-walk = 遍历路径不明确
revision-walked-too-far = 遍历超出了范围
revision-ambiguous-upgrade-from-multiple-current = 当前有多个修订版本，升级路径不明确
revision-not-valid-downgrade-target-from = 不是从当前 head 出发的有效降级目标
revision-cannot-walk-up-from-below = 无法从 base 之下向上遍历
revision-expected-downgrade-target-string-form = 降级目标应为字符串形式
revision-no-current-revisions-count-from = 没有可作为计数起点的当前修订版本
revision-current-revision-resolved-nothing = 某个当前修订版本解析后为空
revision-relative-range-start-resolved-nothing = 相对范围的起点解析后为空
revision-revision-ordering-left-revisions-behind = 修订版本排序遗漏了部分修订版本；修订版本图不一致
revision-cannot-tell-which-current-revision = 无法确定哪个当前修订版本位于分支 '{ $label }' 上
revision-revision-does-not-name-exactly = 修订版本 { $branch } 并非恰好对应一个分支
revision-range-revision-not-allowed = 不允许使用修订版本范围
revision-downgrade-sql-requires-fromrev-torev = 带 --sql 的 downgrade 需要 <fromrev>:<torev>
revision-stamp-operation-sql-only-supports = 带 --sql 的 stamp 操作一次只支持一个起始修订版本
revision-revision-range-must-have-form = 修订版本范围 '{ $arg }' 必须是 <fromrev>:<torev> 的形式
revision-history-range-requires-start-end = 历史范围须为 [start]:[end]、[start]: 或 :[end]
revision-history-range-must-have-exactly = 历史范围 '{ $r }' 必须恰好包含一个 ':'
revision-range-not-ancestor = 请求的范围 { $start }:{ $end } 并不指向同一分支上具有祖先/后代关系的修订版本
revision-multiple-heads-for-argument = 给定的参数 '{ $head_arg }' 对应多个 head 修订版本；请指定具体的目标修订版本，用 '<branchname>@{ $head_arg }' 限定到某个 head，或用 'heads' 表示所有 head
revision-multiple-heads-new-revision = 存在多个 head；请指定新修订版本所基于的 head 修订版本，或先执行合并。
revision-not-upgrade-target = 目标 { $end } 不是从当前 head 出发的有效升级目标
revision-not-downgrade-target = 目标 { $end } 不是从当前 head 出发的有效降级目标
revision-multiple-heads-single-target = 存在多个 head；请指定单个目标修订版本
revision-characters-not-allowed = 修订版本号 '{ $id }' 中不允许出现字符 '{ $characters }'
revision-not-a-head-splice = 修订版本 { $id } 不是 head 修订版本；如要从该修订版本创建新分支，请指定 --splice
revision-overlaps = 请求的修订版本 { $target } 与其他请求的修订版本 { $overlaps } 重叠
revision-update-ambiguous = 无法对 { $id } 执行 UPDATE，因为其父修订版本（down revision）不明确
revision-stamp-above-and-below = 标记目标 { $id } 既在当前 head 之上又在其之下
revision-relative-did-not-produce = 相对修订版本 { $text } 未能得到 { $count } 个迁移
config-type-string = 字符串
config-type-integer = 整数
config-type-float = 浮点数
config-type-boolean = 布尔值
config-type-array = 数组
config-type-table = 表
config-type-array-of-tables = 表数组
config-type-nothing = 空值
config-type-date = 日期
revision-stamp-source = 源
revision-stamp-destination = 目标
