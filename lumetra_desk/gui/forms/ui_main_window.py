# Generated from ui/main_window.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QMainWindow,
    QMenu, QMenuBar, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QStackedWidget, QStatusBar,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        MainWindow.setAcceptDrops(True)
        self.actionImport = QAction(MainWindow)
        self.actionImport.setObjectName(u"actionImport")
        self.actionFetch = QAction(MainWindow)
        self.actionFetch.setObjectName(u"actionFetch")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionDashboard = QAction(MainWindow)
        self.actionDashboard.setObjectName(u"actionDashboard")
        self.actionCases = QAction(MainWindow)
        self.actionCases.setObjectName(u"actionCases")
        self.actionIntake = QAction(MainWindow)
        self.actionIntake.setObjectName(u"actionIntake")
        self.actionRefresh = QAction(MainWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
        self.actionBatchLetters = QAction(MainWindow)
        self.actionBatchLetters.setObjectName(u"actionBatchLetters")
        self.actionShortcuts = QAction(MainWindow)
        self.actionShortcuts.setObjectName(u"actionShortcuts")
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.pages = QStackedWidget(self.centralWidget)
        self.pages.setObjectName(u"pages")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTopSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTopSpacer)

        self.emptyTitle = QLabel(self.emptyPage)
        self.emptyTitle.setObjectName(u"emptyTitle")
        self.emptyTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.emptyLayout.addWidget(self.emptyTitle)

        self.emptyHint = QLabel(self.emptyPage)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyHint.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyHint)

        self.loadDemoButton = QPushButton(self.emptyPage)
        self.loadDemoButton.setObjectName(u"loadDemoButton")

        self.emptyLayout.addWidget(self.loadDemoButton, 0, Qt.AlignmentFlag.AlignHCenter)

        self.emptyBottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottomSpacer)

        self.pages.addWidget(self.emptyPage)
        self.workPage = QWidget()
        self.workPage.setObjectName(u"workPage")
        self.workLayout = QVBoxLayout(self.workPage)
        self.workLayout.setObjectName(u"workLayout")
        self.workLayout.setContentsMargins(0, 0, 0, 0)
        self.views = QTabWidget(self.workPage)
        self.views.setObjectName(u"views")
        self.views.setDocumentMode(True)
        self.dashboardTab = QWidget()
        self.dashboardTab.setObjectName(u"dashboardTab")
        self.dashboardHost = QVBoxLayout(self.dashboardTab)
        self.dashboardHost.setObjectName(u"dashboardHost")
        self.views.addTab(self.dashboardTab, "")
        self.casesTab = QWidget()
        self.casesTab.setObjectName(u"casesTab")
        self.casesLayout = QVBoxLayout(self.casesTab)
        self.casesLayout.setObjectName(u"casesLayout")
        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")
        self.searchEdit = QLineEdit(self.casesTab)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterBar.addWidget(self.searchEdit)

        self.statusFilter = QComboBox(self.casesTab)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filterBar.addWidget(self.statusFilter)

        self.dueFilter = QComboBox(self.casesTab)
        self.dueFilter.setObjectName(u"dueFilter")

        self.filterBar.addWidget(self.dueFilter)

        self.jurisdictionFilter = QComboBox(self.casesTab)
        self.jurisdictionFilter.setObjectName(u"jurisdictionFilter")

        self.filterBar.addWidget(self.jurisdictionFilter)

        self.requestTypeFilter = QComboBox(self.casesTab)
        self.requestTypeFilter.setObjectName(u"requestTypeFilter")

        self.filterBar.addWidget(self.requestTypeFilter)

        self.tierFilter = QComboBox(self.casesTab)
        self.tierFilter.setObjectName(u"tierFilter")

        self.filterBar.addWidget(self.tierFilter)


        self.casesLayout.addLayout(self.filterBar)

        self.caseSplitter = QSplitter(self.casesTab)
        self.caseSplitter.setObjectName(u"caseSplitter")
        self.caseSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.caseSplitter.setChildrenCollapsible(False)
        self.caseTable = QTableView(self.caseSplitter)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.caseTable.setSortingEnabled(True)
        self.caseTable.setWordWrap(False)
        self.caseSplitter.addWidget(self.caseTable)
        self.caseViewHost = QWidget(self.caseSplitter)
        self.caseViewHost.setObjectName(u"caseViewHost")
        self.caseViewLayout = QVBoxLayout(self.caseViewHost)
        self.caseViewLayout.setObjectName(u"caseViewLayout")
        self.caseViewLayout.setContentsMargins(0, 0, 0, 0)
        self.caseSplitter.addWidget(self.caseViewHost)

        self.casesLayout.addWidget(self.caseSplitter)

        self.views.addTab(self.casesTab, "")
        self.intakeTab = QWidget()
        self.intakeTab.setObjectName(u"intakeTab")
        self.intakeHost = QVBoxLayout(self.intakeTab)
        self.intakeHost.setObjectName(u"intakeHost")
        self.views.addTab(self.intakeTab, "")

        self.workLayout.addWidget(self.views)

        self.pages.addWidget(self.workPage)

        self.centralLayout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.fileMenu = QMenu(self.menuBar)
        self.fileMenu.setObjectName(u"fileMenu")
        self.viewMenu = QMenu(self.menuBar)
        self.viewMenu.setObjectName(u"viewMenu")
        self.lettersMenu = QMenu(self.menuBar)
        self.lettersMenu.setObjectName(u"lettersMenu")
        self.helpMenu = QMenu(self.menuBar)
        self.helpMenu.setObjectName(u"helpMenu")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.fileMenu.menuAction())
        self.menuBar.addAction(self.viewMenu.menuAction())
        self.menuBar.addAction(self.lettersMenu.menuAction())
        self.menuBar.addAction(self.helpMenu.menuAction())
        self.fileMenu.addAction(self.actionImport)
        self.fileMenu.addAction(self.actionFetch)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.actionSettings)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.actionQuit)
        self.viewMenu.addAction(self.actionDashboard)
        self.viewMenu.addAction(self.actionCases)
        self.viewMenu.addAction(self.actionIntake)
        self.viewMenu.addSeparator()
        self.viewMenu.addAction(self.actionRefresh)
        self.lettersMenu.addAction(self.actionBatchLetters)
        self.helpMenu.addAction(self.actionShortcuts)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Lumetra Desk", None))
        self.actionImport.setText(QCoreApplication.translate("MainWindow", u"&Import mail files\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionImport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+I", None))
#endif // QT_CONFIG(shortcut)
        self.actionFetch.setText(QCoreApplication.translate("MainWindow", u"&Fetch mail", None))
#if QT_CONFIG(shortcut)
        self.actionFetch.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"&Settings\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionSettings.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+,", None))
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionDashboard.setText(QCoreApplication.translate("MainWindow", u"&Dashboard", None))
#if QT_CONFIG(shortcut)
        self.actionDashboard.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+1", None))
#endif // QT_CONFIG(shortcut)
        self.actionCases.setText(QCoreApplication.translate("MainWindow", u"&Cases", None))
#if QT_CONFIG(shortcut)
        self.actionCases.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+2", None))
#endif // QT_CONFIG(shortcut)
        self.actionIntake.setText(QCoreApplication.translate("MainWindow", u"&Intake review", None))
#if QT_CONFIG(shortcut)
        self.actionIntake.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+3", None))
#endif // QT_CONFIG(shortcut)
        self.actionRefresh.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionBatchLetters.setText(QCoreApplication.translate("MainWindow", u"One letter for each &selected case\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionBatchLetters.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+G", None))
#endif // QT_CONFIG(shortcut)
        self.actionShortcuts.setText(QCoreApplication.translate("MainWindow", u"&Keyboard shortcuts", None))
#if QT_CONFIG(shortcut)
        self.actionShortcuts.setShortcut(QCoreApplication.translate("MainWindow", u"F1", None))
#endif // QT_CONFIG(shortcut)
        self.emptyTitle.setText(QCoreApplication.translate("MainWindow", u"No cases yet", None))
        self.emptyHint.setText(QCoreApplication.translate("MainWindow", u"Requests that arrive at the privacy mailbox become cases here. Drop .eml or .mbox files on this window to import them, or load a set of realistic demo cases to look around first.", None))
        self.loadDemoButton.setText(QCoreApplication.translate("MainWindow", u"Load demo data", None))
#if QT_CONFIG(accessibility)
        self.loadDemoButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Load demo data", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.views.setAccessibleName(QCoreApplication.translate("MainWindow", u"Views", None))
#endif // QT_CONFIG(accessibility)
        self.views.setTabText(self.views.indexOf(self.dashboardTab), QCoreApplication.translate("MainWindow", u"&Dashboard", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Search messages and notes, or type a case key (Ctrl+F)", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.dueFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by due date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.jurisdictionFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by jurisdiction", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.requestTypeFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by request type", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tierFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by account tier", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caseTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        self.views.setTabText(self.views.indexOf(self.casesTab), QCoreApplication.translate("MainWindow", u"&Cases", None))
        self.views.setTabText(self.views.indexOf(self.intakeTab), QCoreApplication.translate("MainWindow", u"&Intake review", None))
        self.fileMenu.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.viewMenu.setTitle(QCoreApplication.translate("MainWindow", u"&View", None))
        self.lettersMenu.setTitle(QCoreApplication.translate("MainWindow", u"&Letters", None))
        self.helpMenu.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi
