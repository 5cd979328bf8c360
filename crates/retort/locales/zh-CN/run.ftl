# run

## The migration lock

run-interrupted-waiting-for-lock = 发生在等待迁移锁期间；未做任何更改
run-lock-timeout-retry = { $revision }：某条语句等待表锁的时间超过了 migration_lock_timeout；已回滚，将在 { $pause } 秒后重新运行（第 { $attempt } 次重试，共 { $retries } 次）
run-lock-wait-ended-by-server-timeout = 提示：被终止的是对迁移锁的等待，而不是某个迁移：服务器的 lock_timeout 或 statement_timeout 作用于 retort 的会话；请改用 --lock-timeout（retort.toml 中的 lock_timeout）限定等待时间
run-while-waiting-for-lock = 等待迁移锁时出错：{ $message }

## Running a plan: what failed, and where the database stands

run-plan-start-mismatch = 版本表中为 [{ $heads }]，但计划从 [{ $start }] 开始；请在持有锁时读取当前的 head 修订版本，并据此制定计划
run-plan-revision-without-file = 计划中的修订版本 { $revision } 没有对应的迁移文件
run-interrupted-between-steps = 发生在两个步骤之间
run-connection-lost = 与服务器的连接已断开
run-interrupted-statement-cancelled = 已中断；正在运行的语句已被取消：{ $message }
run-connection-lost-nothing-committed = 与服务器的连接已断开；PostgreSQL 会回滚断开连接上未结束的事务，因此 { $steps } 的任何内容都未提交
run-open-transaction-rolled-back = 未结束的事务已回滚
run-step-rolled-back = 其事务已回滚：{ $step } 的任何内容都未应用
run-run-rolled-back = 本次运行的事务已回滚：{ $steps } 均未应用
run-transaction-ended-by-migration = retort 的事务在服务器上已不再打开：迁移中的某条语句结束了它，因此失败前运行的内容可能已经提交；下面的版本表内容是重新从数据库读取的
run-rollback-failed = 回滚失败：{ $reason }
run-committed-earlier = 本次运行中先前已提交、仍然生效的：{ $steps }
run-invalid-index-left = 失败的并发构建留下了 INVALID 索引 { $indexes }（pg_index.indisvalid 为 false）；重新运行会因 "already exists" 而失败。请先删除它，再重新运行命令：
    { $statements }
run-hint-migration-lock-timeout = 提示：锁超时：该语句等待另一个会话持有的锁超过了 migration_lock_timeout（{ $seconds } 秒）；可在 pg_locks 中查看持有者，或设置 migration_lock_retries
run-hint-server-lock-timeout = 提示：锁超时：服务器的 lock_timeout 结束了该语句对另一个会话持有的锁的等待
run-hint-statement-timeout = 提示：该语句运行时间超过了 migration_statement_timeout（{ $seconds } 秒）
run-no-transaction-nothing-committed = 此部分为 `no-transaction`，每条语句各自提交；失败语句之前没有语句运行过，因此此部分的任何内容都未提交；{ $revision } 的版本表也未改变。请修正该语句后重新运行命令
run-no-transaction-earlier-committed = 此部分为 `no-transaction`，每条语句各自提交：失败语句之前的语句已经提交并保持生效，但 { $revision } 的版本表未改变。重新运行命令前，请手动撤销它们，或让它们可以安全地重复执行（IF NOT EXISTS / IF EXISTS）
run-no-transaction-committed-at = 此部分为 `no-transaction`，每条语句各自提交：{ $file }:{ $lines } 处的语句在失败语句之前运行，已经提交并保持生效，但 { $revision } 的版本表未改变。重新运行命令前，请手动撤销它们，或让它们可以安全地重复执行（IF NOT EXISTS / IF EXISTS）
# A step of a run: "upgrade r1", "stamp r3".
run-step = { $action } { $revision }
# "a, b and c": the items but the last, joined by run-list-separator.
run-list-and = { $rest } 和 { $last }
run-list-separator = 、

## Advice beside a server error

run-advice-at = {"（位于 "}{ $place }{"）"}
run-advice-as-user = {"（数据库用户 `"}{ $user }{"`）"}
run-advice-no-transaction = 此语句不能在事务块中运行；请把此部分的标记写成 `-- retort:{ $marker } no-transaction`，让它在事务之外运行（这样每条语句各自提交，因此该部分只应包含这类语句）
run-advice-adopt-existing-schema = 版本表原本为空，但数据库中已有此对象：其模式可能不是由 retort 创建的（或由其他工具创建）。如果现有模式正是迁移到某个修订版本后应有的模式，请用 `retort stamp <该修订版本>` 标记它（例如与此修订版本一致时用 `retort stamp { $revision }`），然后运行 `retort upgrade head`
run-advice-permission-denied = 运行 { $step }{ $at }{ $as_user } 时权限不足；请授予此语句所需的权限（或以这些对象的所有者身份运行），然后重新运行命令
run-advice-deadlock = 死锁：运行 { $step }{ $at } 时，PostgreSQL 选择了 retort 的会话作为牺牲者；另一个会话持有此语句需要的锁。请在竞争的工作完成后重新运行命令，或让双方以相同顺序获取锁

## INVALID indexes left by a concurrent build

run-invalid-index-built-at = { $index }（构建于 { $file }:{ $line }）
run-invalid-index-refusal = 未运行任何内容：先前一次失败或被中断的并发构建留下了 INVALID 索引 { $indexes }（pg_index.indisvalid 为 false）。再次构建会因 "already exists" 而失败，或者在使用 IF NOT EXISTS 时保留这个损坏的索引。请先删除它，然后重新运行命令：
    { $statements }

## Connecting

run-sqlite-in-memory = 内存中的 SQLite
run-sqlite-database = SQLite 数据库 { $path }
run-sqlite-cannot-open-lock-file = 无法打开锁文件 { $path }：{ $reason }
run-sqlite-cannot-lock = 无法锁定 { $path }：{ $reason }
run-connect-gave-up = { $reason }（等待 { $seconds } 秒后放弃）
run-connect-waiting = 正在等待 { $target } 上的数据库服务器（最多 { $seconds } 秒）…
run-connect-still-waiting = 已等待 { $target } { $seconds } 秒，仍在等待：{ $reason }
run-connect-startup-timeout = 超时：服务器未能在 { $seconds } 秒内完成连接的建立（{ $phase }）；参见 connect_timeout
run-connect-timeout = 超时：{ $seconds } 秒内未能建立连接；参见 connect_timeout
run-connect-phase-tls-request = 服务器始终未回应 TLS 请求
run-connect-phase-tls-handshake = TLS 握手未完成
run-connect-phase-startup = 启动和认证期间没有回应
run-connect-timeout-expired = 超时
run-connect-too-much-before-ready = 连接就绪前服务器发送了超过 { $kib } KiB 的数据；它是 PostgreSQL 服务器吗？
run-connect-no-tls-on-server = 服务器不支持 TLS，但 sslmode 要求使用 TLS

## TLS

run-tls-setup-failed = TLS 设置失败：{ $reason }
run-tls-cannot-use-client-certificate = 无法使用客户端证书 { $path }：{ $reason }
run-tls-cannot-read-root-certificate = 无法读取根证书 { $path }：{ $reason }
run-tls-no-pem-certificate = 其中没有 PEM 证书
run-tls-cannot-read-client-certificate = 无法读取客户端证书 { $path }：{ $reason }
run-tls-cannot-read-client-key = 无法读取客户端密钥 { $path }：{ $reason }
# libpq's words "certificate verify failed" stay: people and scripts look for them.
run-tls-certificate-verify-failed = TLS 握手：证书校验失败（certificate verify failed）：{ $reason }
run-tls-handshake-failed = TLS 握手失败：{ $reason }

## Connection settings (the URL, the connection string, the libpq environment)

run-setting-invalid = { $label } 的值 "{ $value }" 无效{ $origin }：{ $expected }
run-setting-origin = （来自{ $written_as }）
run-setting-expected-flag = 应为 0 或 1
run-setting-expected-one-of = 应为以下之一：{ $names }
run-setting-expected-port = 应为 1 到 65535 之间的端口号（或以逗号分隔的端口号列表）
run-setting-expected-ip-addresses = 应为数字形式的 IP 地址
run-setting-hostaddr-count = { $written_as }：指定了 { $hosts } 个主机，但有 { $addresses } 个 hostaddr 地址
run-setting-port-count = { $written_as }：指定了 { $hosts } 个主机，但有 { $ports } 个端口
run-setting-no-user = 没有 PostgreSQL 用户：请在连接设置（{ $written_as }）中写明用户，或设置 PGUSER
run-setting-expected-sslmode = 应为 disable、allow、prefer、require、verify-ca 或 verify-full
run-setting-expected-seconds = 应为整数秒
run-setting-expected-probes = 应为整数个探测次数
run-setting-expected-milliseconds = 应为整数毫秒
run-setting-no-tcp-user-timeout = 无法遵从 { $label }{ $origin }：此系统没有 TCP_USER_TIMEOUT
run-setting-always-utf8 = retort 的连接始终使用 UTF8
run-setting-no-gssapi = retort 不支持 GSSAPI，因此只能是 disable 或 prefer
run-postgres-target = { $places } 上的 PostgreSQL（用户 "{ $user }"，数据库 "{ $dbname }"）

## Password file, version table, migration log

run-pgpass-not-a-file = 不是普通文件
run-pgpass-too-open = 允许同组或其他用户访问；权限应为 u=rw（0600）或更严格
run-pgpass-warning = 警告：密码文件 "{ $path }" { $why }
run-no-columns = 无
run-not-a-version-table = version_table `{ $name }`：表 { $table } 已存在，但不是版本表（它的列为 { $columns }；版本表只有一列 version_num）。请在 retort.toml 中用 `version_table` 指定另一个表。未运行任何内容
run-not-a-log-table = log_table `{ $name }`：表 { $table } 已存在，但不是 retort 的迁移日志（缺少 { $count } 个列：{ $missing }；它的列为 { $columns }）。请在 retort.toml 中用 `log_table` 指定另一个表。未运行任何内容
run-version-update-not-one-row = 在线迁移在 '{ $table }' 中把 '{ $from }' 更新为 '{ $to }' 时应恰好匹配一行，实际匹配 { $found } 行
run-version-delete-not-one-row = 在线迁移在 '{ $table }' 中删除 '{ $revision }' 时应恰好匹配一行，实际匹配 { $found } 行
run-diff-as-it-ran = 运行时的内容
run-diff-as-it-is-now = 现在的内容
run-diff-more-lines = … 还有 { $count } 行

## A failed step, as the error says it

run-statement-at-line = 第 { $line } 行：{ $message }
run-action-upgrade = 升级
run-action-downgrade = 降级
run-action-stamp = 标记
run-action-commit = 提交
run-failed-at = { $step } 失败，位于 { $file }:{ $line }：{ $message }
run-failed-in-section = { $step } 失败，位于 { $file }（从第 { $line } 行开始的部分）：{ $message }
run-failed-in = { $step } 失败，位于 { $file }：{ $message }
run-failed = { $step } 失败：{ $message }
run-version-table-empty = 版本表现在为空
run-version-table-reread-empty = 版本表（在新连接上重新读取）现在为空
run-version-table-holds = 版本表现在包含：{ $rows }
run-version-table-reread-holds = 版本表（在新连接上重新读取）现在包含：{ $rows }
run-version-table-unknown = 无法得知版本表现在的内容：{ $reason }
run-hint = 提示：{ $hint }
run-edited-migrations = 已应用的迁移在运行后被修改过（传入 --allow-edited 以接受新内容）：
run-edited-migration = { $file }：修订版本 { $revision } 运行时的升级校验和为 { $logged }，文件现在的校验和为 { $current }
run-edited-no-text-logged = （本次运行的日志只记录了校验和而没有文本，因此无法显示改动内容）

## Backups and data loss

run-loss-rows = { $count } 行
run-loss-rows-uncounted = 无法统计的行
run-loss-table = 表 { $table }（{ $rows }）会被 { $revision } 删除，位于 { $file }:{ $line }
run-loss-column = 列 { $table }.{ $column }（{ $rows }有值）会被 { $revision } 删除，位于 { $file }:{ $line }
run-backup-of-failed = { $path } 的备份失败：{ $reason }
run-backup-locked-too-long = 数据库被另一个连接锁定了 { $seconds } 秒
run-pg-dump-version-no-answer = `{ $program } --version` 在 { $seconds } 秒内没有回应
run-pg-dump-version-unreadable = `{ $program } --version` 没有给出版本（{ $status }）：{ $output }
run-pg-dump-too-old = { $program } 是 pg_dump { $dump_version }，比服务器（PostgreSQL { $server_version }）旧；请安装 pg_dump { $server_version } 或更新的版本，并在 retort.toml 中用 `pg_dump` 指定它
run-pg-dump-not-found-install = 找不到 pg_dump（{ $program }）：请安装 PostgreSQL 客户端程序（{ $server_version } 或更新的版本），或在 retort.toml 中用 `pg_dump = "/path/to/pg_dump"` 指定程序
run-pg-dump-not-found = 找不到 pg_dump（{ $program }）
run-cannot-run-program = 无法运行 { $program }：{ $reason }
run-pg-dump-failed = { $target } 的 pg_dump 失败（{ $status }）：{ $output }
run-backup-prune-failed = 无法删除 { $directory } 中的旧备份（backup_keep = { $keep }）：{ $reason }
run-backup-cannot-write-directory = 无法写入备份目录 { $directory }：{ $reason }
run-backup-cannot-read-server-version = 无法读取服务器版本：{ $reason }
run-backup-server-version-unknown = 服务器没有给出其版本
run-backup-no-sqlite-feature = 无法备份 { $path }：retort 构建时未启用 `sqlite` 特性

## Planning a run, the connection given, a new project

# Alembic's words.
run-purge-with-sql = 不能在 --sql 模式下使用 --purge
run-range-not-allowed = 不允许使用修订版本范围
run-target-not-up-to-date = 目标数据库不是最新的。
run-no-migration-file = 修订版本 '{ $revision }' 没有迁移文件
run-reconnect-failed = 连接已断开，新建连接也失败了：{ $reason }
run-cannot-use-given-connection = 无法使用传给 retort 的连接：{ $reason }
run-init-location-not-relative = 迁移目录必须是项目内的相对路径，而不是 `{ $path }`
run-init-project-exists = { $path } 已存在；此目录中已有一个 retort 项目
run-init-directory-not-empty = 目录 { $path } 不为空；请指定另一个迁移目录（retort init DIR）
run-cannot-write = 无法写入 { $path }：{ $reason }
run-backup-sqlite-in-memory = 已开启 `backup`，但数据库是内存中的 SQLite：没有可备份的文件（请为此环境关闭 `backup`）
run-given-connection-in-transaction = 传给 retort 的连接正处于事务中；retort 会自己管理事务，请传入不在事务中的连接
run-unknown-head = 数据库的版本表 { $table } 中记录的是修订版本 '{ $revision }'，但 { $directories } 中没有任何迁移文件包含它。请恢复该文件（从版本控制或添加它的分支中），如果它已永久删除，请把版本表设为模式实际对应的修订版本：`retort stamp --purge <revision>`
