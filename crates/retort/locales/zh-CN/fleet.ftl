# fleet

## Listing the targets: targets files, `targets` items, a query's rows

fleet-cannot-read-targets-file = 无法读取目标列表文件 { $path }：{ $reason }
# A mistake on a line of a targets file: "targets.txt line 3: ...".
fleet-line-problem = { $origin } 第 { $line } 行：{ $problem }
fleet-names-no-database = 没有指明数据库
fleet-too-many-words = `{ $text }` 除了 URL 和模式之外还有其他内容（每行是 `URL` 或 `URL SCHEMA`）
fleet-schema-only-postgres = { $url } 指定了模式，但只有 PostgreSQL 目标才有模式
fleet-targets-item = { $table } `targets` 第 { $item } 项：{ $problem }
fleet-query-no-database = { $table } 有 `query`，但没有可运行它的数据库：请设置 `query_url` 或项目的 `url`
fleet-query-failed = { $table } 在 { $url } 上运行 `query`：{ $error }
fleet-row-no-value = 第 { $row } 行的第一列没有值
fleet-row-problem = 第 { $row } 行：{ $problem }
fleet-row-sqlite-needs-urls = 第 { $row } 行指定了 `{ $name }`：在 SQLite 上运行的查询必须给出 URL
# How a tenant schema target is named: "postgresql://u:***@h/db schema tenant_1".
fleet-target-in-schema = { $url } 模式 { $schema }
fleet-check-no-tenant-schema = check 比较的是整个数据库；不比较租户模式

## [fleet] in retort.toml (each after "`fleet.KEY` ")

fleet-config-must-not-be-table = 不能是表
fleet-config-must-be-target-list = 必须是字符串列表（`URL` 或 `URL SCHEMA`），而不是 { $found }
fleet-config-must-be-whole-number = 必须是整数，而不是 { $found }
fleet-config-query-gives = 必须是 "databases" 或 "schemas"，而不是 `{ $found }`
fleet-config-count-range = 必须在 1 到 1024 之间，而不是 { $found }
fleet-config-query-url-without-query = { $table } 设置了 `query_url`，但没有 `query`
fleet-config-no-targets = { $table } 没有列出目标：请给出 `targets`、`targets_file` 或 `query`

## Servers refused

fleet-cockroach-refused = 此服务器是 CockroachDB（{ $server }），它的 advisory 锁并不真正加锁：两个同时运行的 retort 可能都会应用同一个迁移，而且它的 DDL 不像 PostgreSQL 那样是事务性的。retort 不迁移 CockroachDB；请使用它自带的模式变更工具，或运行 `retort upgrade --sql` 并由单个进程执行生成的脚本

## The command line

fleet-option-needs-fleet = { $flag } 用于批量运行：请加上 --fleet [NAME] 或 --targets FILE
fleet-no-sql-or-exec = --sql 和 `-- CMD` 只用于单个数据库，不能用于批量运行
fleet-no-sql = --sql 只用于单个数据库，不能用于批量运行
fleet-no-check-heads = --check-heads 只用于单个数据库；批量运行时，只要有目标落后，`pending --fleet` 就以 3 退出
fleet-no-targets = 该批量目标没有列出任何目标：没有可运行的对象
fleet-unknown-no-fleets = { $path } 中没有列出目标的 { $wanted }（也没有任何 fleet）：请添加一个，或传入 --targets FILE
fleet-unknown-known = { $path } 中没有列出目标的 { $wanted }；它有 { $known }
fleet-header = 批量运行：{ $count } 个目标，每次 { $jobs } 个
fleet-header-canaries = 批量运行：{ $count } 个目标，每次 { $jobs } 个，先以 { $canaries } 个作为金丝雀
fleet-interrupted-skipped = 有 { $count } 个目标未开始（已跳过）
fleet-downgrade-drops-data = 此次降级会删除数据（{ $losses }）；批量运行时请传入 --yes 以允许
fleet-backup-made = 备份：{ $path }

## The live line and the report

# The live line's first word, before "done/total".
fleet-live-targets = 目标
fleet-live-progress = { $failed } 个失败，每秒 { $rate } 个目标
fleet-target-failed = { $target }：失败：{ $error }
fleet-target-behind = { $target }：{ $count } 个待执行（当前：{ $heads }）
fleet-target-heads = { $target }：{ $heads }
fleet-no-revision = 无修订版本
# "200 targets: 150 moved, 48 already there, 2 failed, 0 skipped (3.1 s, 64.5 targets/s)"; the parts are joined by run-list-separator.
fleet-summary = { $count } 个目标：{ $parts }（{ $seconds } 秒，每秒 { $rate } 个目标）
fleet-summary-moved = { $count } 个已迁移
fleet-summary-at-target = { $count } 个已是目标版本
fleet-summary-behind = { $count } 个落后
fleet-summary-failed = { $count } 个失败
fleet-summary-skipped = { $count } 个跳过
