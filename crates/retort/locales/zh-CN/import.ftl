# import：`retort import alembic` 的消息。转换出的文件内容保持英文（团队共享这些文件）。

import-no-revisions = Alembic 历史中没有修订版本；没有可导入的内容
import-revision-not-writable = 修订版本 { $revision }（{ $path }）无法写成 retort 迁移：{ $error }
import-header-differs = 修订版本 { $revision }（{ $path }）：转换后的文件头读回后与原来不一致
import-no-ini = { $path } 不存在；请在 alembic.ini 所在目录运行，或传入 --ini FILE，或用 --versions DIR 指定版本目录
import-cannot-read = 无法读取 { $path }：{ $error }
import-not-a-versions-directory = { $path } 不是 Alembic 修订版本目录
import-heads-differ = 转换后历史的 head（{ $converted }）与 Alembic 的 head（{ $alembic }）不一致；未写入任何文件
import-files-exist =
    导入要写入的文件中有 { $count } 个已存在；未写入任何文件（--force 会替换它们）：
    { $files }

## 读取 Alembic 历史的 Python 辅助程序

import-cannot-run-python = 无法运行 Python `{ $python }`：{ $error }。请在 retort.toml 中将 `python` 设为装有项目 Alembic 的解释器，或激活项目的虚拟环境（VIRTUAL_ENV）
import-python-failed = 运行 Python `{ $python }` 失败：{ $error }
import-helper-failed =
    Alembic 导入辅助程序在 `{ $python }` 中失败（{ $status }）：
    { $output }
import-helper-answer-unreadable = Alembic 导入辅助程序返回了 retort 无法读取的结果：{ $error }
import-no-alembic = `{ $python }` 无法加载 Alembic：{ $error }。请在其中安装 Alembic（`pip install alembic`），或在 retort.toml 中将 `python` 设为项目的解释器
import-alembic-error = Alembic：{ $error }
import-history-unloadable = 无法加载 Alembic 历史：{ $error }
import-error-in-file = 位于 { $file }
import-traceback = 调用栈（最后几行）：

## --baseline

import-baseline-not-writable = { $head } 的基线无法写成 retort 迁移：{ $error }
import-baseline-header-differs = { $head } 的基线：文件头读回后与原来不一致
import-and-more = 以及另外 { $count } 个
import-baseline-shared-history = --baseline：head { $first } 和 { $second } 共有 { $count } 个修订版本（{ $revisions }）；为每个 head 各建一个基线会把这些对象创建两次，新数据库无法同时接受两者，处于一个 head 的数据库也无法到达另一个 head。请先在 Alembic 中合并这些 head（`alembic merge heads`）再重新导入；未写入任何文件
import-baseline-needs-server = 在 PostgreSQL 上使用 --baseline 需要在临时数据库上重放历史：请传入 --dev-url URL，或在 retort.toml 中设置 dev_url 或 url
import-baseline-needs-postgres = 在 PostgreSQL 上使用 --baseline 需要一个 PostgreSQL 服务器来创建临时数据库
import-baseline-no-temporary-directory = 无法为 --baseline 创建临时目录：{ $error }
import-baseline-replay-failed = --baseline：转换后的历史在临时数据库上执行到 { $head } 时失败，因此无法得知其模式；未写入任何文件：{ $error }

## 重放需要读取数据库的修订版本

import-no-scratch-server = 有修订版本需要数据库连接才能转换，但没有为临时数据库指定 PostgreSQL 服务器；请传入 --dev-url 或 --url
import-scratch-unavailable = 有修订版本需要数据库连接才能转换，但无法为其创建临时数据库：{ $reason }。请用 --dev-url（或 retort.toml 中的 dev_url）指定一个 retort 可以在其上创建数据库的 PostgreSQL 服务器
import-upgrade-failed = 修订版本 { $revision }（{ $path }）：其 upgrade() 执行失败：{ $error }

## 转换后的修订版本为什么不可逆（文件中保持英文）

import-downgrade-raised = downgrade() 抛出了异常 { $error }
import-downgrade-emits-no-sql = downgrade() 不产生任何 SQL
