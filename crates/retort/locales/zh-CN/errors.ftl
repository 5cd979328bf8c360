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
